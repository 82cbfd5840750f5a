package org.rnn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the projects in {@code templates/} say the same thing: every code block the
 * README marks with {@code <!-- file: PATH -->} is that file byte for byte, every block marked
 * {@code <!-- excerpt: PATH -->} is a run of the file's lines (indented as one), and every file of
 * the plug-in template is quoted whole. {@code .ci/run} builds the templates, so what the README
 * shows is what builds. Also: the README names no path that a clone lacks, and rnn4j-bom lists
 * every module of the reactor at the project's version.
 */
class ReadmeTemplatesTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKER = Pattern.compile("<!-- (file|excerpt): (\\S+) -->");

    /** A code block of the README with the file it claims to quote. */
    private record Quote(String kind, String path, int line, List<String> lines) {
    }

    @Test
    void quotedFilesAreTheTemplatesByteForByte() throws IOException {
        List<Quote> quotes = quotes(read(ROOT.resolve("README.md")));
        assertFalse(quotes.isEmpty(), "the README quotes no file");
        for (Quote q : quotes) {
            Path file = ROOT.resolve(q.path());
            assertTrue(Files.isRegularFile(file),
                    "README.md:" + q.line() + " quotes " + q.path() + ", which does not exist");
            String text = read(file);
            if (q.kind().equals("file")) {
                String block = String.join("\n", q.lines()) + "\n";
                assertEquals(text, block, "README.md:" + q.line() + ": the block differs from " + q.path()
                        + "; copy the file into the README (or the README's change into the file)");
            } else {
                assertTrue(containsRun(List.of(text.split("\n", -1)), q.lines()), "README.md:" + q.line()
                        + ": the excerpt is not a run of lines of " + q.path());
            }
        }
    }

    @Test
    void everyFileOfThePluginTemplateIsQuotedWhole() throws IOException {
        Set<String> quoted = quotes(read(ROOT.resolve("README.md"))).stream().filter(q -> q.kind().equals("file"))
                .map(Quote::path).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        Path template = ROOT.resolve("templates/activation-plugin");
        try (Stream<Path> walk = Files.walk(template)) {
            files = walk.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("/target/") && !p.endsWith("/README.md"))
                    .filter(p -> !p.endsWith("package-info.java"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertTrue(files.size() >= 5, "templates/activation-plugin has only " + files);
        files.add("templates/application/pom.xml");
        files.removeAll(quoted);
        assertEquals(Set.of(), files, "template files the README does not quote whole");
    }

    @Test
    void theReadmeNamesNoPathAClonesLacks() throws IOException {
        String readme = read(ROOT.resolve("README.md"));
        assertFalse(Pattern.compile("(?<![.])\\.\\./").matcher(readme).find(),
                "README.md points outside the repository (../)");
        String prose = readme.replaceAll("(?ms)^```.*?^```$", "");
        Matcher links = Pattern.compile("\\]\\(([^)#\\s]+)[^)]*\\)").matcher(prose);
        while (links.find()) {
            String target = links.group(1);
            if (!target.contains("://")) {
                assertTrue(Files.exists(ROOT.resolve(target)),
                        "README.md links to " + target + ", which does not exist");
            }
        }
        Matcher paths = Pattern.compile("(?<![\\w/.-])(docs|templates)/[\\w./-]*[\\w]").matcher(readme);
        while (paths.find()) {
            String p = paths.group();
            if (!p.contains("/target/")) {
                assertTrue(Files.exists(ROOT.resolve(p)), "README.md names " + p + ", which does not exist");
            }
        }
    }

    @Test
    void theBomListsEveryModuleAtTheProjectVersion() throws IOException {
        String parent = read(ROOT.resolve("pom.xml"));
        String version = first(parent, "<artifactId>rnn4j-parent</artifactId>\\s*<version>([^<]+)</version>");
        Set<String> modules = all(parent, "<module>([^<]+)</module>");
        assertTrue(modules.remove("rnn4j-bom"), "the reactor does not build rnn4j-bom");

        String bom = read(ROOT.resolve("rnn4j-bom/pom.xml"));
        assertEquals(version, first(bom, "<artifactId>rnn4j-bom</artifactId>\\s*<version>([^<]+)</version>"));
        String managed = first(bom, "(?s)<dependencyManagement>(.*)</dependencyManagement>");
        assertEquals(modules, all(managed, "<artifactId>([^<]+)</artifactId>"),
                "rnn4j-bom must list every module of the reactor");
        assertEquals(Set.of("org.rnn4j"), all(managed, "<groupId>([^<]+)</groupId>"), "rnn4j-bom's groups");
        assertEquals(Set.of(version), all(managed, "<version>([^<]+)</version>"), "rnn4j-bom's versions");

        for (String t : List.of("templates/activation-plugin/pom.xml", "templates/application/pom.xml")) {
            assertEquals(version, first(read(ROOT.resolve(t)), "<rnn4j.version>([^<]+)</rnn4j.version>"), t);
        }
    }

    /** The README's marked code blocks. */
    private static List<Quote> quotes(String readme) {
        List<String> lines = List.of(readme.split("\n", -1));
        List<Quote> quotes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("```")) {
                fail("README.md:" + (i + 1) + ": " + lines.get(i) + " is not followed by a code block");
            }
            int end = i + 2;
            while (end < lines.size() && !lines.get(end).equals("```")) {
                end++;
            }
            if (end == lines.size()) {
                fail("README.md:" + (i + 2) + ": the code block never ends");
            }
            quotes.add(new Quote(m.group(1), m.group(2), i + 1, lines.subList(i + 2, end)));
            i = end;
        }
        return quotes;
    }

    /** Whether {@code run} occurs in {@code lines} as consecutive lines, each with one added indent. */
    private static boolean containsRun(List<String> lines, List<String> run) {
        for (int start = 0; start + run.size() <= lines.size(); start++) {
            String first = lines.get(start);
            if (run.isEmpty() || !first.endsWith(run.get(0))) {
                continue;
            }
            String indent = first.substring(0, first.length() - run.get(0).length());
            if (!indent.isBlank()) {
                continue;
            }
            boolean all = true;
            for (int j = 0; j < run.size() && all; j++) {
                String want = run.get(j).isEmpty() ? "" : indent + run.get(j);
                all = lines.get(start + j).equals(want);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex);
        return m.group(1);
    }

    private static Set<String> all(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
