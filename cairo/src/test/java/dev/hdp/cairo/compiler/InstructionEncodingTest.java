package dev.hdp.cairo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstructionEncodingTest {
  private static CompilerOutput compile(String source) {
    return new CairoCompiler(List.of(), false).compile(source, "t.cairo");
  }

  private static List<String> hex(List<BigInteger> words) {
    List<String> out = new ArrayList<>();
    words.forEach(w -> out.add("0x" + w.toString(16)));
    return out;
  }

  @Test
  void encodesInstructionsAsTheReferenceDecodesThem() {
    CompilerOutput p =
        compile(
            "func main() {\n"
                + "    [ap] = 1000, ap++;\n"
                + "    [ap] = [ap - 2] + [ap - 1], ap++;\n"
                + "    ap += 5;\n"
                + "    call rel 0;\n"
                + "    jmp rel 0;\n"
                + "    dw 0x1234;\n"
                + "    ret;\n"
                + "}\n");
    assertEquals(
        List.of(
            "0x480680017fff8000",
            "0x3e8",
            "0x48307fff7ffe8000",
            "0x40780017fff7fff",
            "0x5",
            "0x1104800180018000",
            "0x0",
            "0x10780017fff7fff",
            "0x0",
            "0x1234",
            "0x208b7fff7fff7ffe"),
        hex(p.data()));
  }

  @Test
  void negativeImmediatesAreReducedModThePrime() {
    CompilerOutput p = compile("func main() {\n    [ap] = -1, ap++;\n    ret;\n}\n");
    assertEquals(Exprs.PRIME.subtract(BigInteger.ONE), p.data().get(1));
  }

  @Test
  void withAttrRecordsItsScope() {
    CompilerOutput p =
        compile(
            "func main() {\n"
                + "    with_attr error_message(\"x must \" \"be 1\") {\n"
                + "        [ap] = 1, ap++;\n"
                + "    }\n"
                + "    ret;\n"
                + "}\n");
    JsonNode attr = p.json().get("attributes").get(0);
    assertEquals("error_message", attr.get("name").asText());
    assertEquals("x must be 1", attr.get("value").asText());
    assertEquals(0, attr.get("start_pc").asInt());
    assertEquals(2, attr.get("end_pc").asInt());
    assertEquals("[\"__main__\",\"__main__.main\"]", attr.get("accessible_scopes").toString());
  }
}
