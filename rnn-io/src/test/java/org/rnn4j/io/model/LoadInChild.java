package org.rnn4j.io.model;

import java.io.IOException;
import java.nio.file.Path;

/** Child-JVM entry point of {@link HollowFilesTest}: loads a file and prints what happened. */
final class LoadInChild {

    private LoadInChild() {
    }

    /**
     * @param args {@code model} or {@code checkpoint}, then the file
     * @throws IOException on a read error
     */
    public static void main(String[] args) throws IOException {
        try {
            if (args[0].equals("checkpoint")) {
                CheckpointFile.load(Path.of(args[1]), Nets.REGISTRY);
            } else {
                ModelFile.load(Path.of(args[1]), Nets.REGISTRY);
            }
            System.out.println("LOADED");
        } catch (InvalidModelFileException e) {
            System.out.println("REJECTED " + e.getMessage());
        }
    }
}
