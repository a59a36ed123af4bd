package dev.hdp.cairo.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.fixtures.SharedFixtures;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgramLoaderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode fixtureJson(String name) throws Exception {
    return (ObjectNode) JSON.readTree(Files.readAllBytes(SharedFixtures.resolve("cairo/" + name)));
  }

  @Test
  void loadsFibonacciWithEntryPointsHintsAndIdentifiers() {
    CompiledProgram p = ProgramLoader.load(SharedFixtures.resolve("cairo/fibonacci_compiled.json"));
    assertEquals(CompiledProgram.STARK_PRIME, p.prime());
    assertEquals(27, p.data().size());
    assertEquals(new BigInteger("40780017fff7fff", 16), p.data().get(0));
    assertEquals(List.of("output"), p.builtins());
    assertEquals(6, p.main().getAsInt());
    assertEquals(0, p.start().getAsInt());
    assertEquals(4, p.end().getAsInt());
    assertEquals("memory[ap] = program_input['second_element']", p.hints().get(8).get(0).code());
    assertEquals(new ApTracking(2, 1), p.hints().get(8).get(0).flowTracking().apTracking());
    assertEquals("0.14.0", p.compilerVersion());
    assertInstanceOf(Identifier.Function.class, p.identifiers().get("__main__.fib"));
  }

  @Test
  void followsAliasesToStructsWithMembersInOffsetOrder() {
    CompiledProgram p =
        ProgramLoader.load(SharedFixtures.resolve("cairo/builtin_usage_compiled.json"));
    Identifier.Struct hash = p.struct("__main__.HashBuiltin").orElseThrow();
    assertEquals(List.of("x", "y", "result"), List.copyOf(hash.members().keySet()));
    assertEquals(3, hash.size());
    assertEquals(BigInteger.ONE, p.constants().get("__main__.main.SIZEOF_LOCALS"));
    assertTrue(p.attributes().isEmpty());
  }

  @Test
  void loadsEveryFixtureProgram() throws Exception {
    try (var files = Files.list(SharedFixtures.resolve("cairo"))) {
      for (var f : files.filter(x -> x.toString().endsWith(".json")).toList()) {
        CompiledProgram p = ProgramLoader.load(f);
        assertTrue(p.main().isPresent(), f + " has main");
      }
    }
  }

  @Test
  void rejectsMalformedProgramsNamingTheField() throws Exception {
    ObjectNode noData = fixtureJson("fibonacci_compiled.json");
    noData.remove("data");
    assertEquals("program.data is missing", message(noData));

    ObjectNode big = fixtureJson("fibonacci_compiled.json");
    ((ArrayNode) big.get("data"))
        .set(3, JSON.getNodeFactory().textNode("0x" + CompiledProgram.STARK_PRIME.toString(16)));
    assertTrue(
        message(big)
            .startsWith(
                "data[3] = 3618502788666131213697322783095070105623107215331596699973092056135872020481 is not in [0, prime)"));

    ObjectNode notHex = fixtureJson("fibonacci_compiled.json");
    ((ArrayNode) notHex.get("data")).set(1, JSON.getNodeFactory().textNode("0xZZ"));
    assertEquals("data[1] = \"0xZZ\" is not an integer", message(notHex));

    ObjectNode hintPastEnd = fixtureJson("fibonacci_compiled.json");
    ((ObjectNode) hintPastEnd.get("hints")).set("27", hintPastEnd.get("hints").get("8"));
    assertEquals("hints[27] is at or past the end of data (27)", message(hintPastEnd));

    ObjectNode badRef = fixtureJson("fibonacci_compiled.json");
    ((ObjectNode)
            badRef.get("hints").get("8").get(0).get("flow_tracking_data").get("reference_ids"))
        .put("__main__.main.output_ptr", 7);
    assertEquals(
        "hints[8][0] names reference 7 (__main__.main.output_ptr), but there are 4",
        message(badRef));

    ObjectNode badType = fixtureJson("fibonacci_compiled.json");
    ((ObjectNode) badType.get("identifiers").get("__main__.fib")).put("type", "lambda");
    assertEquals("identifiers[__main__.fib].type = \"lambda\" is unknown", message(badType));

    ObjectNode mainOutside = fixtureJson("fibonacci_compiled.json");
    ((ObjectNode) mainOutside.get("identifiers").get("__main__.main")).put("pc", 99);
    assertEquals(
        "identifiers[__main__.main].pc = 99 is outside data (27 words)", message(mainOutside));

    assertTrue(
        assertThrows(
                ProgramFormatException.class, () -> ProgramLoader.parse("{\"data\": [".getBytes()))
            .getMessage()
            .startsWith("program is not valid JSON: "));
  }

  private static String message(ObjectNode json) {
    return assertThrows(ProgramFormatException.class, () -> ProgramLoader.parse(json)).getMessage();
  }
}
