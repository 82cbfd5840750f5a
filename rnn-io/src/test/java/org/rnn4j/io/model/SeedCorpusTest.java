package org.rnn4j.io.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fuzzer's committed seed corpus holds every case of {@link BrokenFiles} and the valid files;
 * each valid file loads, each broken one is rejected with its case's message, and any other
 * file in it (a finding of a fuzzing run, kept as a regression test) is rejected cleanly.
 * Regenerate with {@code -Drnn4j.writeCorpus=true -Dtest=SeedCorpusTest}.
 */
class SeedCorpusTest {

    static final String CORPUS = "ModelFileFuzzTestInputs/loadOrReject";

    @Test
    @DisabledIfSystemProperty(named = "rnn4j.writeCorpus", matches = "true")
    void everyCorpusFileBehavesAsItsNameSays() throws Exception {
        Path dir = committed();
        Set<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Map<String, BrokenFiles.Case> cases = BrokenFiles.cases();
        assertTrue(files.containsAll(cases.keySet()), "missing from the corpus: " + missing(cases.keySet(), files));
        assertTrue(files.containsAll(BrokenFiles.valid().keySet()),
                "missing from the corpus: " + missing(BrokenFiles.valid().keySet(), files));
        for (String name : files) {
            byte[] bytes = Files.readAllBytes(dir.resolve(name));
            if (name.startsWith("valid-")) {
                assertFalse(ModelFile.fromBytes(bytes, Nets.REGISTRY).network().parameters().isEmpty(), name);
                continue;
            }
            InvalidModelFileException e = assertThrows(InvalidModelFileException.class,
                    () -> ModelFile.fromBytes(bytes, Nets.REGISTRY), name);
            String expected = cases.containsKey(name) ? cases.get(name).expected() : "";
            BrokenFilesTest.assertOneLine(e.getMessage(), "<bytes>: ", expected);
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "rnn4j.writeCorpus", matches = "true")
    void writeCorpus() throws Exception {
        Path dir = Path.of("src/test/resources/org/rnn4j/io/model").resolve(CORPUS);
        Files.createDirectories(dir);
        for (Map.Entry<String, BrokenFiles.Case> e : BrokenFiles.cases().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue().bytes());
        }
        for (var e : BrokenFiles.valid().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue().get());
        }
    }

    private static Path committed() throws URISyntaxException {
        return Path.of(SeedCorpusTest.class.getResource(CORPUS).toURI());
    }

    private static Set<String> missing(Set<String> wanted, Set<String> have) {
        Set<String> m = new TreeSet<>(wanted);
        m.removeAll(have);
        return m;
    }
}
