package org.rnn4j.examples.charlm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.rnn4j.examples.limits.Heap;
import org.rnn4j.examples.limits.InputFile;

/**
 * A text to train on: read as strict UTF-8 (a malformed byte is an error, not a silent
 * replacement character), with its vocabulary, its characters as indices, and the SHA-256 of its
 * bytes (a checkpoint records it, so that a resumed run can tell that the text is the same).
 *
 * @param file where it was read from
 * @param vocabulary its distinct characters, sorted
 * @param tokens every character as an index into the vocabulary
 * @param sha256 the SHA-256 of the file's bytes, in hex
 */
public record TextCorpus(Path file, Vocabulary vocabulary, int[] tokens, String sha256) {

    /**
     * The largest text read: 1 GiB. A text is held whole in memory, as its bytes and then as one
     * {@code int} per character (the tokens) for the whole run; Java's arrays stop at 2^31
     * elements, and the run's memory estimate refuses a text the heap cannot hold well before
     * this on most machines.
     */
    public static final long MAX_BYTES = 1L << 30;

    /**
     * @param file a UTF-8 text file
     * @return the corpus
     * @throws IllegalArgumentException if the file cannot be read, is not a regular file (a pipe or
     *     a device), is larger than {@link #MAX_BYTES}, is not UTF-8 or is empty
     */
    public static TextCorpus read(Path file) {
        long size = InputFile.requireRegular("--text", file, "the text", "a UTF-8 text file");
        if (size > MAX_BYTES) {
            throw new IllegalArgumentException(String.format("--text %s: %,d bytes, more than the %,d bytes (1 GiB) "
                    + "a text may have; rnn4j holds the whole text in memory", file, size, MAX_BYTES));
        }
        Heap.require("reading the text " + file, readingBytes(size), "");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the text " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("cannot read the text " + file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the text " + file + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the text " + file + " is not valid UTF-8 (" + e.getMessage()
                    + "); convert it, for example with iconv -t UTF-8");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the text " + file + " is empty");
        }
        Vocabulary v = Vocabulary.of(text);
        return new TextCorpus(file, v, v.encode(text, "the text"), sha256(bytes));
    }

    /**
     * An upper bound of the heap that reading a text of n bytes takes at its peak: the bytes (n),
     * the decoded string (at most 2 n: one UTF-16 unit per byte at most), its code points twice
     * as {@code int}s (the encoding's input and output, 8 n), and the set of distinct characters
     * (at most 64 bytes per character, for at most min(n, 1,112,064) of them).
     *
     * @param n the file's size
     * @return the bytes reading it may take
     */
    static long readingBytes(long n) {
        return 11 * n + 64 * Math.min(n, 1_112_064);
    }

    /**
     * @param bytes any bytes
     * @return their SHA-256 in hex
     */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
