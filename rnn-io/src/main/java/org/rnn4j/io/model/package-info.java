/**
 * Model and checkpoint files: safetensors that PyTorch can read, written atomically and read
 * without trusting a byte of them.
 *
 * <h2>The format</h2>
 * A file is a <a href="https://github.com/huggingface/safetensors">safetensors</a> file: an
 * 8-byte little-endian header length n, n bytes of UTF-8 JSON (padded with spaces to a multiple
 * of 8), then the raw little-endian data of every tensor, back to back: {@code F32} for a float32
 * network, {@code F64} for a float64 one (a checkpoint's optimizer state is always {@code F64}).
 * The JSON maps each tensor name to
 * {@code {"dtype": "F32" or "F64", "shape": [...], "data_offsets": [begin, end]}}
 * and holds a {@code __metadata__} map of strings that describes the network: {@code format}
 * ({@code rnn4j-model} or {@code rnn4j-checkpoint}), {@code format_version}, {@code rnn4j_version},
 * {@code cell}, {@code num_layers}, {@code hidden_size}, {@code nonlinearity} (for
 * {@code elman}), {@code bias}, {@code input_size}, {@code vocabulary}, for a model of strings
 * {@code eos} and {@code eos_count} (a string ends with the eos_count-th eos symbol, see
 * {@link org.rnn4j.io.model.SequenceEnd}), and, to rebuild the
 * network exactly, {@code layers} and {@code output} (JSON: kind, size and settings of each
 * layer), {@code loss} and {@code reduction}, and {@code precision} ({@code float32} or
 * {@code float64}: the precision the network is loaded in unless the caller asks for another; a
 * file without it is float64).
 *
 * <h2>Tensor names are PyTorch's</h2>
 * For a uniform stack (every recurrent layer of one kind, size and settings), layer k's
 * parameter {@code p} is stored as {@code rnn.p_lk} (and {@code rnn.p_lk_reverse} for a
 * parameter {@code p_reverse} of a bidirectional layer), exactly the names of
 * {@code torch.nn.RNN}, {@code LSTM} and {@code GRU}; the output layer's parameters are
 * {@code decoder.weight} and {@code decoder.bias} as in a {@code torch.nn.Linear} named
 * {@code decoder}. A mixed stack stores layer k as a one-layer PyTorch module in a
 * {@code torch.nn.ModuleList} named {@code layers}: {@code layers.k.p_l0}. rnn4j's
 * {@code elman} layer has one bias b where PyTorch has b_ih + b_hh: it is written as
 * {@code bias_ih_lk} = b and {@code bias_hh_lk} = 0, and on reading the two are added, so
 * files written by PyTorch load too.
 *
 * <h2>Reading trusts nothing</h2>
 * {@link org.rnn4j.io.model.ModelFile} and {@link org.rnn4j.io.model.CheckpointFile} check every
 * length against the file's size before allocating, every offset, dtype and shape, the JSON,
 * every plug-in name (against the {@link org.rnn4j.core.Registry}) and every number (NaN and
 * infinities are rejected); a bad file is an {@link org.rnn4j.io.model.InvalidModelFileException}
 * with a one-line message, and no partial model is ever returned. Nothing is deserialised with
 * Java serialization.
 *
 * <h2>Writing never destroys the previous file</h2>
 * Files are written by {@link org.rnn4j.io.model.AtomicFile}: a temporary file in the same
 * directory, forced to disk, then renamed over the target in one atomic step.
 */
package org.rnn4j.io.model;
