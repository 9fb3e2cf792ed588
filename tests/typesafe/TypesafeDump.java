// Reference-implementation dumper for stlint's tests: parses HOCON with stock
// Typesafe Config (Debian's libtypesafe-config-java, 1.3.1) and prints the
// resolved tree as JSON.  One JVM serves many requests (JVM start-up is slow).
//
// Protocol: stdin carries one request per line, each a JSON object
//     {"path": "/abs/file.conf"}                 ConfigFactory.parseFile (syntax from the
//                                                extension: .json -> JSON, .properties ->
//                                                PROPERTIES, anything else -> CONF)
//     {"text": "...", "syntax": "conf"}          ConfigFactory.parseString; syntax is
//                                                "conf" (default), "json" or "properties"
// (the request line itself is parsed with Typesafe's own JSON parser, so no JSON library
// is needed).  stdout gets exactly one JSON line per request, flushed at once:
//     {"ok": true, "json": <tree>}
//     {"ok": false, "error_class": "ConfigException$Parse", "error_message": "...",
//      "error_line": N | null}
// Every Throwable is caught per request; the loop only ends at EOF on stdin.
//
// Semantics: parse (no ConfigFactory.load, no reference.conf, no system-property or
// environment fallback), then resolve with allowUnresolved=true and
// useSystemEnvironment=false.  For "path" requests a missing top-level file is an error
// (setAllowMissing(false); ConfigFactory.parseFile's default would silently give {}).
// Includes inside the file keep Typesafe's usual rules (a missing include is ignored
// unless written as required(...)).
//
// Tree: objects -> JSON objects (key order as Typesafe's HashMap gives it), lists ->
// arrays, strings, booleans, null; int/long -> JSON integers; doubles -> Double.toString,
// which always has a '.' or an 'E' (1.5, 1.0E20, 1.0E-5), so the Python side sees a float.
// Note that Typesafe 1.3.1 itself stores every integral number that fits in a long as an
// int/long (ConfigNumber.newNumber), so 1.0, 1e3 and -0.0 come out as 1, 1000 and 0 (also
// in JSON syntax); only huge ones like 1e20 stay doubles.  1E400 parses to an infinite
// double, emitted as the bare token Infinity (Python's json module accepts it).  An
// integer literal too big for a long (9223372036854775808) is an unquoted STRING.
// A value that is still unresolved (valueType() or entrySet() throws
// ConfigException.NotResolved) becomes {"$unresolved": value.render(concise())}.
// What render(concise()) gives in 1.3.1 (checked by tests/test_typesafe_ref.py):
//     a = ${b.c}             -> "${b.c}"        (a ConfigReference; note a = ${a.b} is a
//                                               cycle error instead: a.b lies inside a)
//     a = ${?x}              -> never seen: the field vanishes when x is undefined, and
//                               [1, ${?x}] -> [1]; "${?x} foo" -> " foo"
//     a = "x "${y}           -> "\"x \"${y}"   (a ConfigConcatenation: pieces rendered as
//                                               JSON, no separator added)
//     a = x ${y} z           -> "\"x \"${y}\" z\""  (the whitespace stays in the strings)
//     a = ${y} {b = 1}       -> "${y}{\"b\":1}"  (a ConfigDelayedMergeObject)
//     a = [1] ${y}           -> "[1]${y}"
//     a = {b=1}, a = ${y}    -> "{\"b\":1},${y}"  (a delayed merge: the stack, comma-joined)
//     a = [1,2], a += ${y}   -> "[1,2],[1,2,${y}]"
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

public final class TypesafeDump {
    private static final ConfigResolveOptions RESOLVE = ConfigResolveOptions.defaults()
            .setAllowUnresolved(true)
            .setUseSystemEnvironment(false);

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().isEmpty()) {
                continue;
            }
            String answer;
            try {
                answer = handle(line);
            } catch (Throwable t) { // never die mid-stream: StackOverflowError, OOM, bugs...
                answer = error(t);
            }
            out.print(answer);
            out.print('\n');
            out.flush();
        }
    }

    private static String handle(String line) {
        Config req;
        try {
            req = ConfigFactory.parseString(line,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
        } catch (ConfigException e) {
            return "{\"ok\":false,\"error_class\":\"BadRequest\",\"error_message\":"
                    + quote("bad request line: " + e.getMessage()) + ",\"error_line\":null}";
        }
        Config parsed;
        if (req.hasPath("path")) {
            File file = new File(req.getString("path"));
            parsed = ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
        } else if (req.hasPath("text")) {
            String syntax = req.hasPath("syntax") ? req.getString("syntax") : "conf";
            ConfigSyntax s;
            switch (syntax) {
                case "conf": s = ConfigSyntax.CONF; break;
                case "json": s = ConfigSyntax.JSON; break;
                case "properties": s = ConfigSyntax.PROPERTIES; break;
                default:
                    throw new IllegalArgumentException("unknown syntax: " + syntax);
            }
            parsed = ConfigFactory.parseString(req.getString("text"),
                    ConfigParseOptions.defaults().setSyntax(s));
        } else {
            throw new IllegalArgumentException("request needs \"path\" or \"text\"");
        }
        Config resolved = parsed.resolve(RESOLVE);
        StringBuilder sb = new StringBuilder();
        sb.append("{\"ok\":true,\"json\":").append(tree(resolved.root())).append('}');
        return sb.toString();
    }

    private static String error(Throwable t) {
        String name = t.getClass().getName();
        String simple = name.substring(name.lastIndexOf('.') + 1); // keeps Outer$Inner
        Integer lineNo = null;
        if (t instanceof ConfigException) {
            ConfigOrigin origin = ((ConfigException) t).origin();
            if (origin != null && origin.lineNumber() >= 0) {
                lineNo = origin.lineNumber();
            }
        }
        String msg = t.getMessage() != null ? t.getMessage() : t.toString();
        return "{\"ok\":false,\"error_class\":" + quote(simple) + ",\"error_message\":" + quote(msg)
                + ",\"error_line\":" + (lineNo == null ? "null" : lineNo.toString()) + "}";
    }

    /** JSON text for one value; unresolved values become {"$unresolved": render}. */
    private static String tree(ConfigValue v) {
        try {
            ConfigValueType type = v.valueType();
            switch (type) {
                case OBJECT: {
                    StringBuilder sb = new StringBuilder("{");
                    boolean first = true;
                    for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
                        if (!first) sb.append(',');
                        first = false;
                        sb.append(quote(e.getKey())).append(':').append(tree(e.getValue()));
                    }
                    return sb.append('}').toString();
                }
                case LIST: {
                    StringBuilder sb = new StringBuilder("[");
                    boolean first = true;
                    for (ConfigValue item : (ConfigList) v) {
                        if (!first) sb.append(',');
                        first = false;
                        sb.append(tree(item));
                    }
                    return sb.append(']').toString();
                }
                case STRING:
                    return quote((String) v.unwrapped());
                case BOOLEAN:
                    return ((Boolean) v.unwrapped()) ? "true" : "false";
                case NULL:
                    return "null";
                case NUMBER: {
                    Object n = v.unwrapped();
                    if (n instanceof Integer || n instanceof Long) {
                        return n.toString();
                    }
                    double d = ((Number) n).doubleValue();
                    if (Double.isNaN(d) || Double.isInfinite(d)) {
                        return Double.toString(d); // NaN, Infinity, -Infinity: Python reads these
                    }
                    return Double.toString(d);
                }
                default:
                    throw new IllegalStateException("unknown value type " + type);
            }
        } catch (ConfigException.NotResolved e) {
            String rendered;
            try {
                rendered = v.render(ConfigRenderOptions.concise());
            } catch (RuntimeException e2) {
                rendered = v.toString();
            }
            return "{\"$unresolved\":" + quote(rendered) + "}";
        }
    }

    /** Minimal JSON string escaper; output is pure ASCII. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c)); // surrogates pass as pairs
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
