package dev.hdp.cairo.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hdp.cairo.compiler.Identifiers.AliasDef;
import dev.hdp.cairo.compiler.Identifiers.ConstDef;
import dev.hdp.cairo.compiler.Identifiers.Def;
import dev.hdp.cairo.compiler.Identifiers.FunctionDef;
import dev.hdp.cairo.compiler.Identifiers.LabelDef;
import dev.hdp.cairo.compiler.Identifiers.MemberDef;
import dev.hdp.cairo.compiler.Identifiers.NamespaceDef;
import dev.hdp.cairo.compiler.Identifiers.ReferenceDef;
import dev.hdp.cairo.compiler.Identifiers.StructDef;
import dev.hdp.cairo.compiler.Identifiers.TypeDef;
import dev.hdp.cairo.compiler.Preprocessor.Attribute;
import dev.hdp.cairo.compiler.Preprocessor.Flow;
import dev.hdp.cairo.compiler.Preprocessor.PInstr;
import dev.hdp.cairo.compiler.Preprocessor.PendingHint;
import dev.hdp.cairo.compiler.Preprocessor.Reference;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the compiler produces: bytecode, hints by pc, builtins, identifiers, references and debug
 * information, writable as the {@code cairo-compile} JSON format.
 *
 * @param data the program words
 * @param hints the hints by pc, in order of appearance
 * @param builtins the {@code %builtins} of the main file
 * @param main the pc of {@code __main__.main}, or -1
 * @param json the full JSON program
 */
public record CompilerOutput(
    List<BigInteger> data,
    Map<Integer, List<Hint>> hints,
    List<String> builtins,
    int main,
    JsonNode json) {

  /** A hint: its code, the scopes it may name, and the references alive at it. */
  public record Hint(
      String code,
      List<String> accessibleScopes,
      int apGroup,
      int apOffset,
      Map<String, Integer> referenceIds) {}

  static CompilerOutput of(Preprocessor pre, Map<String, String> fileContents) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    List<BigInteger> data = new ArrayList<>();
    Map<Integer, List<Hint>> hints = new TreeMap<>();
    ObjectNode locations = f.objectNode();
    int pc = 0;
    for (PInstr p : pre.instructions) {
      if (!p.hints().isEmpty()) {
        List<Hint> list = new ArrayList<>();
        for (PendingHint h : p.hints()) {
          list.add(
              new Hint(
                  h.hint().code(),
                  p.accessibleScopes(),
                  h.flow().group(),
                  h.flow().offset(),
                  new TreeMap<>(h.flow().refIds())));
        }
        hints.put(pc, list);
      }
      ObjectNode loc = f.objectNode();
      loc.set("accessible_scopes", strings(p.accessibleScopes()));
      loc.set("flow_tracking_data", flowJson(p.flow()));
      ArrayNode hintLocs = f.arrayNode();
      for (PendingHint h : p.hints()) {
        ObjectNode hl = f.objectNode();
        hl.set("location", locJson(h.hint().loc()));
        hl.put("n_prefix_newlines", h.hint().prefixNewlines());
        hintLocs.add(hl);
      }
      loc.set("hints", hintLocs);
      loc.set("inst", locJson(p.loc()));
      locations.set(Integer.toString(pc), loc);
      List<BigInteger> words = InstructionBuilder.build(p.body(), p.incAp());
      data.addAll(words);
      pc += words.size();
    }
    Def mainDef = pre.ids.get("__main__.main");
    int main = mainDef instanceof FunctionDef fd ? fd.pc : -1;

    ObjectNode root = f.objectNode();
    ArrayNode attrs = f.arrayNode();
    for (Attribute a : pre.attributes) {
      ObjectNode o = f.objectNode();
      o.set("accessible_scopes", strings(a.scopes()));
      o.put("end_pc", a.endPc());
      o.set("flow_tracking_data", flowJson(a.flow()));
      o.put("name", a.name());
      o.put("start_pc", a.startPc());
      o.put("value", a.value());
      attrs.add(o);
    }
    root.set("attributes", attrs);
    root.set("builtins", strings(pre.builtins));
    root.put("compiler_version", "0.14.0");
    ArrayNode dataJson = f.arrayNode();
    data.forEach(w -> dataJson.add("0x" + w.toString(16)));
    root.set("data", dataJson);
    ObjectNode debug = f.objectNode();
    ObjectNode files = f.objectNode();
    new TreeMap<>(fileContents).forEach(files::put);
    debug.set("file_contents", files);
    debug.set("instruction_locations", locations);
    root.set("debug_info", debug);
    ObjectNode hintsJson = f.objectNode();
    hints.forEach(
        (hpc, list) -> {
          ArrayNode arr = f.arrayNode();
          for (Hint h : list) {
            ObjectNode o = f.objectNode();
            o.set("accessible_scopes", strings(h.accessibleScopes()));
            o.put("code", h.code());
            ObjectNode ftd = f.objectNode();
            ObjectNode ap = f.objectNode();
            ap.put("group", h.apGroup());
            ap.put("offset", h.apOffset());
            ftd.set("ap_tracking", ap);
            ObjectNode refs = f.objectNode();
            h.referenceIds().forEach(refs::put);
            ftd.set("reference_ids", refs);
            o.set("flow_tracking_data", ftd);
            arr.add(o);
          }
          hintsJson.set(Integer.toString(hpc), arr);
        });
    root.set("hints", hintsJson);
    root.set("identifiers", identifiersJson(pre));
    root.put("main_scope", "__main__");
    root.put("prime", "0x" + Exprs.PRIME.toString(16));
    ObjectNode rm = f.objectNode();
    ArrayNode refs = f.arrayNode();
    for (Reference r : pre.references) {
      refs.add(referenceJson(r));
    }
    rm.set("references", refs);
    root.set("reference_manager", rm);
    return new CompilerOutput(
        List.copyOf(data),
        Collections.unmodifiableMap(hints),
        List.copyOf(pre.builtins),
        main,
        root);
  }

  private static ArrayNode strings(List<String> list) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    list.forEach(a::add);
    return a;
  }

  private static ObjectNode flowJson(Flow flow) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode o = f.objectNode();
    ObjectNode ap = f.objectNode();
    ap.put("group", flow.group());
    ap.put("offset", flow.offset());
    o.set("ap_tracking", ap);
    ObjectNode refs = f.objectNode();
    new TreeMap<>(flow.refIds()).forEach(refs::put);
    o.set("reference_ids", refs);
    return o;
  }

  private static ObjectNode locJson(Loc loc) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (loc == null) {
      return o;
    }
    o.put("end_col", loc.endCol());
    o.put("end_line", loc.endLine());
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put("filename", loc.file());
    o.set("input_file", file);
    if (loc.parent() != null) {
      ArrayNode parent = JsonNodeFactory.instance.arrayNode();
      parent.add(locJson(loc.parent()));
      parent.add(loc.parentMessage());
      o.set("parent_location", parent);
    }
    o.put("start_col", loc.startCol());
    o.put("start_line", loc.startLine());
    return o;
  }

  private static ObjectNode referenceJson(Reference r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode ap = JsonNodeFactory.instance.objectNode();
    ap.put("group", r.group());
    ap.put("offset", r.offset());
    o.set("ap_tracking_data", ap);
    o.put("pc", r.pc());
    o.put("value", Exprs.format(r.value()));
    return o;
  }

  private static ObjectNode identifiersJson(Preprocessor pre) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode out = f.objectNode();
    for (Map.Entry<String, Def> e : new TreeMap<>(pre.ids.defs).entrySet()) {
      String name = e.getKey();
      if (name.substring(name.lastIndexOf('.') + 1).startsWith("$")) {
        continue;
      }
      ObjectNode o = f.objectNode();
      switch (e.getValue()) {
        case FunctionDef fd -> {
          o.set("decorators", strings(fd.decorators));
          o.put("pc", fd.pc);
          o.put("type", "function");
        }
        case LabelDef l -> {
          o.put("pc", l.pc());
          o.put("type", "label");
        }
        case ConstDef c -> {
          o.put("type", "const");
          // Small numbers as JSON ints, as a JSON reader would give them back.
          if (c.value().bitLength() < 32) {
            o.put("value", c.value().intValue());
          } else if (c.value().bitLength() < 64) {
            o.put("value", c.value().longValue());
          } else {
            o.put("value", c.value());
          }
        }
        case StructDef s -> {
          o.put("full_name", s.fullName());
          ObjectNode members = f.objectNode();
          for (Map.Entry<String, MemberDef> m : s.members().entrySet()) {
            ObjectNode mo = f.objectNode();
            mo.put("cairo_type", Exprs.formatType(m.getValue().type()));
            mo.put("offset", m.getValue().offset());
            members.set(m.getKey(), mo);
          }
          o.set("members", members);
          o.put("size", s.size());
          o.put("type", "struct");
        }
        case TypeDef t -> {
          o.put("cairo_type", Exprs.formatType(t.type()));
          o.put("type", "type_definition");
        }
        case AliasDef a -> {
          o.put("destination", a.destination());
          o.put("type", "alias");
        }
        case ReferenceDef r -> {
          o.put("cairo_type", Exprs.formatType(r.type));
          o.put("full_name", r.fullName);
          ArrayNode refs = f.arrayNode();
          r.references.forEach(x -> refs.add(referenceJson(x)));
          o.set("references", refs);
          o.put("type", "reference");
        }
        case NamespaceDef n -> o.put("type", "namespace");
        default -> {
          continue;
        }
      }
      out.set(name, o);
    }
    return out;
  }

  /** This program in the VM's model, read back from the JSON (as a runner would load it). */
  public dev.hdp.cairo.program.CompiledProgram toProgram() {
    return dev.hdp.cairo.program.ProgramLoader.parse(json);
  }

  /** The program as {@code cairo-compile} writes it (sorted keys, 4-space indent). */
  public String toJsonString() {
    return ProgramJsonWriter.write(json) + "\n";
  }
}
