package org.rnn4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The rnn4j version written into files, from a resource Maven fills in at build time. */
final class Version {

    /** This build's version, for example {@code 0.1.0-SNAPSHOT}. */
    static final String CURRENT = read();

    private Version() {
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("rnn4j.properties")) {
            if (in == null) {
                throw new IllegalStateException("rnn4j.properties is missing from org.rnn4j.core.io; the build is broken");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
