package org.rnn4j.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of rnn4j: the Maven project version, which the build writes into the resource
 * {@code org/rnn4j/core/rnn4j.properties} (resource filtering). The one source of the version
 * that {@code ./rnn4j --version} prints and that model and checkpoint files record as
 * {@code rnn4j_version}.
 */
public final class Version {

    private static final String CURRENT = read();

    private Version() {
    }

    /** @return this build's version, for example {@code 0.1.0-SNAPSHOT} */
    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("rnn4j.properties")) {
            if (in == null) {
                throw new IllegalStateException("rnn4j.properties is missing from org.rnn4j.core; the build is broken");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.contains("${")) {
                throw new IllegalStateException("rnn4j.properties has no version filled in by Maven (" + v
                        + "); the build is broken");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
