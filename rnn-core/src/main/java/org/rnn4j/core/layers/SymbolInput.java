package org.rnn4j.core.layers;

import java.util.Arrays;
import org.rnn4j.api.Sequence;

/**
 * A recurrent layer's input product when its input is one-hot rows held as symbols
 * ({@link Sequence#oneHot}): the lookup of {@code nn.Embedding} over {@code W_ih^T}.
 *
 * <p>For a one-hot row x that is 1 at symbol i, {@code W_ih x} is column i of {@code W_ih}
 * (G*H x V, row-major), so
 * <pre>
 *   forward:  P_r = W_ih[:, s_r]                     a gather: bit for bit the product's value,
 *                                                    which adds 1 * w to zeros (0 * w)
 *   backward: dW_ih[:, s_r] += dP_r   for each real row r, in row order
 * </pre>
 * The backward sums the same terms as the product {@code dP^T X} (whose other terms are
 * 0 * dP), in another order: the two agree up to rounding. Here the rows of each symbol are
 * summed into a zeroed V x G*H buffer (contiguous, rows in order 0 .. T*B-1, padded rows
 * skipped: their dP is zero), which is then added to the gradient: the same bits from run to
 * run. The work is T*B*G*H copies and additions instead of 2*T*B*G*H*V flops each way, and no
 * T*B*V one-hot array.
 */
final class SymbolInput {

    /** W_ih^T of the forward under way, V x G*H: its columns made contiguous; made on first use. */
    private double[] columns;
    /** dW_ih^T of the backward under way, V x G*H; made on first use. */
    private double[] sums;

    /**
     * P = X W_ih^T for symbol-coded X: W_ih is transposed once (V * G*H values), then each row
     * of P is one contiguous copy of its symbol's column.
     *
     * @param symbols the symbol of each of the T*B rows
     * @param w W_ih, width x in (row-major)
     * @param in I = V
     * @param width G * H
     * @param pre P, (T*B) x width, overwritten
     */
    void gather(int[] symbols, double[] w, int in, int width, double[] pre) {
        if (columns == null || columns.length != in * width) {
            columns = new double[in * width];
        }
        for (int g = 0; g < width; g++) {
            for (int v = 0; v < in; v++) {
                columns[v * width + g] = w[g * in + v];
            }
        }
        for (int r = 0; r < symbols.length; r++) {
            System.arraycopy(columns, symbols[r] * width, pre, r * width, width);
        }
    }

    /**
     * dW_ih += dP^T X for symbol-coded X.
     *
     * @param x the input (its symbols and mask)
     * @param dPre dP, (T*B) x width
     * @param in I = V
     * @param width G * H
     * @param grad dW_ih, width x in (row-major), added to
     */
    void scatter(Sequence x, double[] dPre, int in, int width, double[] grad) {
        int[] symbols = x.symbols();
        if (sums == null || sums.length != in * width) {
            sums = new double[in * width];
        } else {
            Arrays.fill(sums, 0.0);
        }
        for (int r = 0; r < symbols.length; r++) {
            if (!x.active(r)) {
                continue;
            }
            int o = r * width;
            int to = symbols[r] * width;
            for (int g = 0; g < width; g++) {
                sums[to + g] += dPre[o + g];
            }
        }
        for (int g = 0; g < width; g++) {
            for (int v = 0; v < in; v++) {
                grad[g * in + v] += sums[v * width + g];
            }
        }
    }
}
