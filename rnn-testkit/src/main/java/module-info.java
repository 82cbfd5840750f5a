/**
 * Test support for rnn4j plug-in authors: gradient checks and property runs on JUnit Jupiter.
 */
module org.rnn4j.testkit {
    requires transitive org.rnn4j.core;
    requires transitive org.junit.jupiter.api;
}
