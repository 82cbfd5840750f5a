package org.rnn4j.examples.training;

import java.nio.file.Path;

/**
 * The files of a run, side by side: for {@code --save runs/reber.safetensors}
 *
 * <pre>
 *   runs/reber.safetensors        the model (PyTorch's tensor names; ./rnn4j sample reads it)
 *   runs/reber.ckpt.safetensors   the checkpoint: model, optimizer state and position (--resume)
 *   runs/reber.loss.png           the loss curve
 *   runs/reber.loss.csv           its numbers
 * </pre>
 *
 * @param model the model file
 * @param checkpoint the checkpoint
 * @param plot the PNG
 * @param csv the CSV
 */
public record RunFiles(Path model, Path checkpoint, Path plot, Path csv) {

    /** The model file's extension. */
    static final String EXTENSION = ".safetensors";
    /** What a checkpoint adds before it. */
    static final String CHECKPOINT = ".ckpt";

    /**
     * @param model the model file; a name ending in .safetensors loses that ending in the others
     * @return the model and the files beside it
     */
    public static RunFiles beside(Path model) {
        String name = model.getFileName().toString();
        String stem = name.endsWith(EXTENSION) && name.length() > EXTENSION.length()
                ? name.substring(0, name.length() - EXTENSION.length()) : name;
        return new RunFiles(model, model.resolveSibling(stem + CHECKPOINT + EXTENSION),
                model.resolveSibling(stem + ".loss.png"), model.resolveSibling(stem + ".loss.csv"));
    }

    /**
     * The model a checkpoint belongs to, when it is named as {@link #beside} names checkpoints.
     *
     * @param checkpoint a checkpoint file
     * @return {@code x.safetensors} for {@code x.ckpt.safetensors}, or null for another name
     */
    public static Path modelOf(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String suffix = CHECKPOINT + EXTENSION;
        return name.endsWith(suffix) && name.length() > suffix.length()
                ? checkpoint.resolveSibling(name.substring(0, name.length() - suffix.length()) + EXTENSION) : null;
    }
}
