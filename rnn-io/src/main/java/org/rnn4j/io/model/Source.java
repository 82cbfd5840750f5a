package org.rnn4j.io.model;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Random access to the bytes of a file or of an array, with the total size known up front. */
interface Source {

    /** @return the number of bytes */
    long size();

    /**
     * Fills {@code dst} from its position to its limit with the bytes starting at {@code position}.
     *
     * @param position where to start, {@code position + dst.remaining() <= size()}
     * @param dst the destination
     * @throws IOException on a read error or if the source ended early
     */
    void read(long position, ByteBuffer dst) throws IOException;

    /**
     * @param bytes the whole content; not copied
     * @return a source over it
     */
    static Source of(byte[] bytes) {
        return new Source() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void read(long position, ByteBuffer dst) {
                dst.put(bytes, Math.toIntExact(position), dst.remaining());
            }
        };
    }

    /**
     * @param channel an open file; its size is taken once, now
     * @return a source over it
     * @throws IOException if the size cannot be read
     */
    static Source of(FileChannel channel) throws IOException {
        long size = channel.size();
        return new Source() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public void read(long position, ByteBuffer dst) throws IOException {
                long p = position;
                while (dst.hasRemaining()) {
                    int n = channel.read(dst, p);
                    if (n < 0) {
                        throw new EOFException("the file ended at byte " + p + " while reading (did it shrink?)");
                    }
                    p += n;
                }
            }
        };
    }
}
