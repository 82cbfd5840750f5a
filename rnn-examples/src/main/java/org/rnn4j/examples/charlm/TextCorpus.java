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
     * @param file a UTF-8 text file
     * @return the corpus
     * @throws IllegalArgumentException if the file cannot be read, is not UTF-8 or is empty
     */
    public static TextCorpus read(Path file) {
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
