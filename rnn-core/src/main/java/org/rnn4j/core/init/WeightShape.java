package org.rnn4j.core.init;

/**
 * What an {@link Initializer} needs to know about the tensor it fills: a row-major
 * {@code rows x cols} matrix ({@code out x in}, as every rnn4j weight; a bias is
 * {@code rows x 1}) made of {@code blocks} stacked gate blocks of {@code rows / blocks} rows each,
 * and the fan PyTorch's default initialisation uses for the layer it belongs to.
 *
 * <p>Gated layers keep their gates in one matrix: an LSTM's {@code weight_hh} is 4H x H (gates
 * i, f, g, o), a GRU's 3H x H, an Elman layer's H x H (one block). Initialisers that care about
 * blocks (orthogonal) treat each block as its own matrix.
 *
 * @param rows the number of rows (outputs), at least 1
 * @param cols the number of columns (inputs); 1 for a bias vector
 * @param blocks how many gate blocks the rows split into, at least 1, dividing {@code rows}
 * @param defaultFan n in PyTorch's default bound 1/sqrt(n): the hidden size H of a recurrent
 *     layer (torch.nn.RNN/LSTM/GRU), the input size of a feed-forward layer (torch.nn.Linear)
 * @param vector whether the tensor is a vector (a bias) rather than a matrix
 */
public record WeightShape(int rows, int cols, int blocks, int defaultFan, boolean vector) {

    /** Checks the sizes. */
    public WeightShape {
        if (rows < 1 || cols < 1 || blocks < 1 || defaultFan < 1) {
            throw new IllegalArgumentException("a weight shape needs rows, cols, blocks and fan >= 1, got "
                    + rows + " x " + cols + " in " + blocks + " block(s), fan " + defaultFan);
        }
        if (rows % blocks != 0) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " weight cannot split into "
                    + blocks + " blocks of equal rows");
        }
    }

    /** @return rows * cols */
    public int size() {
        return rows * cols;
    }

    /** @return the rows of one gate block */
    public int blockRows() {
        return rows / blocks;
    }
}
