package org.rnn4j.examples.training;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rnn4j.io.model.Text;

/**
 * Which text a resumed run reads. A checkpoint records the path of the text it was trained on
 * ({@code run.text}) and its SHA-256 ({@code run.text_sha256}), but a checkpoint may come from
 * elsewhere, so the recorded path is never opened as written: a resume reads the text the user
 * names with {@code --text}, or else the regular file of the recorded name in the checkpoint's own
 * directory. Either way the text's SHA-256 must match ({@link TrainRun} checks it).
 *
 * @param file the text to read
 * @param how how it was chosen, for the report: {@code "named by --text"} or
 *     {@code "beside the checkpoint"}
 */
public record ResumeText(Path file, String how) {

    /**
     * @param checkpoint the checkpoint being resumed
     * @param given the {@code --text} the user gave, or null
     * @param recorded the checkpoint's {@code run.text}
     * @return the text to read
     * @throws IllegalArgumentException if no text is given and none of the recorded name lies
     *     beside the checkpoint
     */
    public static ResumeText choose(Path checkpoint, Path given, String recorded) {
        if (given != null) {
            return new ResumeText(given.toAbsolutePath(), "named by --text");
        }
        Path dir = checkpoint.toAbsolutePath().getParent();
        Path name = recorded.isEmpty() ? null : Path.of(recorded).getFileName();
        Path beside = dir == null || name == null ? null : dir.resolve(name.toString());
        if (beside == null || !Files.isRegularFile(beside)) {
            throw new IllegalArgumentException("the checkpoint was trained on the text " + Text.quote(recorded)
                    + ", which a resume does not open as recorded; give the text with --text FILE, or put it beside the"
                    + " checkpoint" + (name == null ? "" : " as " + Text.quote(name.toString()))
                    + " (its SHA-256 must match)");
        }
        return new ResumeText(beside, "beside the checkpoint");
    }

    /** @return the line the report shows */
    public String describe() {
        return "text " + file + " (" + how + ", SHA-256 checked against the checkpoint's)";
    }
}
