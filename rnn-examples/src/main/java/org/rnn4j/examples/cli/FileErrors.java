package org.rnn4j.examples.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One wording for a file that cannot be read: {@code cannot read the model runs/x.safetensors: no such file}. */
final class FileErrors {

    private FileErrors() {
    }

    /**
     * @param what what the file is, with its article ("the model", "the checkpoint")
     * @param file the file
     * @param e why it could not be read
     * @return the one-line error for the command line
     */
    static IllegalArgumentException cannotRead(String what, Path file, IOException e) {
        String why = e instanceof NoSuchFileException ? "no such file"
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new IllegalArgumentException("cannot read " + what + " " + file + ": " + why);
    }
}
