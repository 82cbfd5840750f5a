package org.rnn4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One version: the Maven project's, printed by {@code --version} and recorded in model files. */
class VersionTest {

    @TempDir
    Path dir;

    @Test
    void versionPrintsTheVersionModelFilesRecordWhichIsTheMavenProjectVersion() throws Exception {
        String[] v = Cli.run("--version");
        assertEquals("0", v[0], v[2]);
        String printed = v[1].strip();
        assertTrue(printed.startsWith("rnn4j "), printed);
        String version = printed.substring("rnn4j ".length());

        Path model = dir.resolve("m.safetensors");
        String[] t = Cli.run("train", "--epochs", "1", "--hidden", "4", "--save", model.toString());
        assertEquals("0", t[0], t[2]);
        String[] i = Cli.run("inspect", model.toString(), "--json");
        assertEquals("0", i[0], i[2]);
        String[] lines = i[1].strip().split("\n");
        Map<String, Object> j = JSON.std.mapFrom(lines[lines.length - 1]);
        assertEquals(version, ((Map<?, ?>) j.get("metadata")).get("rnn4j_version"), "the model file's version");

        assertEquals(projectVersion(), version, "the version in this module's pom.xml");
    }

    /** The parent's version in this module's pom.xml (surefire runs in the module's directory). */
    private static String projectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "a parent version in pom.xml");
        return m.group(1).strip();
    }
}
