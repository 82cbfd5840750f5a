import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives rnn-core's float32 classes from their float64 sources at build time, so that each
 * cell's, layer's and kernel's equations are written once (the way the JDK derives its
 * {@code FloatBuffer} and {@code DoubleBuffer} from one template). Maven runs it in the
 * {@code generate-sources} phase with the Java source launcher:
 *
 * <pre>
 *   java GenerateFloat32.java SRC_ROOT OUT_ROOT pkg/Class.java ... -- Renamed1 Renamed2 ...
 * </pre>
 *
 * Each listed source {@code X.java} becomes {@code XF32.java} under OUT_ROOT by these rules,
 * applied to code only (string literals are copied as they are):
 * <ol>
 *   <li>the type {@code double} becomes {@code float}, {@code Double} becomes {@code Float};</li>
 *   <li>a floating-point literal without a suffix ({@code 0.0}, {@code 1.5e-3}) gets {@code f};</li>
 *   <li>the BLAS routines {@code dgemm} and {@code dgemv} become {@code sgemm} and {@code sgemv};</li>
 *   <li>every class name after {@code --} (the generated classes and the hand-written float32
 *       twins such as {@code Boundary}/{@code BoundaryF32}) gets the suffix {@code F32}.</li>
 * </ol>
 * Where a float32 class has to meet float64 data (a {@code Sequence}'s, a {@code State}'s or a
 * {@code Parameter}'s arrays), the float64 source goes through a hand-written class whose float32
 * twin converts ({@code Boundary}, {@code Weights}); any other use of such an array becomes a
 * type error when the twin compiles, except in {@code System.arraycopy}, whose arguments are
 * {@code Object}s: the generator fails the build on an {@code arraycopy} that names
 * {@code data()}, {@code part(}, {@code value()} or {@code grad()} in a listed source. Nothing
 * here is clever: the float32 classes are the float64 ones with the words above replaced, which
 * a reader can check by diffing.
 */
public final class GenerateFloat32 {

    private static final Pattern STRING = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])'");
    private static final Pattern LITERAL = Pattern.compile(
            "(?<![\\w.])(\\d+\\.\\d*(?:[eE][+-]?\\d+)?|\\d+[eE][+-]?\\d+|\\.\\d+(?:[eE][+-]?\\d+)?)(?![\\w.])");
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    private GenerateFloat32() {
    }

    public static void main(String[] args) throws IOException {
        Path src = Path.of(args[0]);
        Path out = Path.of(args[1]);
        List<String> files = new ArrayList<>();
        List<String> renamed = new ArrayList<>();
        boolean names = false;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--")) {
                names = true;
            } else if (names) {
                renamed.add(args[i]);
            } else {
                files.add(args[i]);
            }
        }
        Pattern classes = Pattern.compile("\\b(" + String.join("|", renamed) + ")\\b");
        for (String file : files) {
            Path in = src.resolve(file);
            String text = Files.readString(in, StandardCharsets.UTF_8);
            String converted = convert(text, classes);
            String unsafe = unsafeCopy(text);
            if (unsafe != null) {
                throw new IllegalStateException(file + ": System.arraycopy between a float64 API array and a "
                        + "layer array would fail at run time in the float32 twin: " + unsafe
                        + "; copy through Boundary.copy instead");
            }
            String name = in.getFileName().toString().replace(".java", "F32.java");
            Path target = out.resolve(file).resolveSibling(name);
            Files.createDirectories(target.getParent());
            String header = "// Generated at build time by rnn-core/src/build/GenerateFloat32.java from " + file
                    + ": edit that file, not this one.\n";
            byte[] bytes = (header + converted).getBytes(StandardCharsets.UTF_8);
            if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), bytes)) {
                Files.write(target, bytes); // unchanged files keep their time stamp: no needless recompiles
            }
        }
    }

    /** Applies the rules to everything outside string and character literals. */
    static String convert(String text, Pattern classes) {
        StringBuilder sb = new StringBuilder();
        Matcher m = STRING.matcher(text);
        int last = 0;
        while (m.find()) {
            sb.append(rules(text.substring(last, m.start()), classes));
            sb.append(m.group());
            last = m.end();
        }
        sb.append(rules(text.substring(last), classes));
        return sb.toString();
    }

    private static String rules(String code, Pattern classes) {
        String s = code.replaceAll("\\bdouble\\b", "float").replaceAll("\\bDouble\\b", "Float");
        s = LITERAL.matcher(s).replaceAll("$1f");
        s = s.replaceAll("\\bdgemm\\b", "sgemm").replaceAll("\\bdgemv\\b", "sgemv");
        return classes.matcher(s).replaceAll("$1F32");
    }

    /** The first arraycopy in code that touches an API array, or null. */
    private static String unsafeCopy(String text) {
        String code = BLOCK_COMMENT.matcher(text).replaceAll("");
        code = LINE_COMMENT.matcher(code).replaceAll("");
        for (String line : code.split("\n")) {
            if (line.contains("System.arraycopy") && line.matches(".*\\.(data\\(\\)|part\\(|value\\(\\)|grad\\(\\)).*")) {
                return line.trim();
            }
        }
        return null;
    }
}
