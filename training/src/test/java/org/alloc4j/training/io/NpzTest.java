package org.alloc4j.training.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy layout, read back by the NumPy format rules (magic, version 1.0, 64-byte aligned header). */
class NpzTest {

    @Test
    void writesNpyEntriesWithAlignedHeadersAndLittleEndianData(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.npz");
        new Npz().complex128("c", new int[] {2, 1}, new double[] {1.5, -2}, new double[] {0.25, 3})
                .bool("b", new int[] {3}, new boolean[] {true, false, true})
                .int64("s", new int[0], new long[] {7}).write(f);
        Map<String, byte[]> entries = Npz.readEntries(f);
        assertThat(entries).containsOnlyKeys("c.npy", "b.npy", "s.npy");
        byte[] c = entries.get("c.npy");
        assertThat(c[0] & 0xFF).isEqualTo(0x93);
        assertThat(new String(c, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        int headerLen = (c[8] & 0xFF) | (c[9] & 0xFF) << 8;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(c, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 1), }").endsWith("\n");
        ByteBuffer data = ByteBuffer.wrap(c, 10 + headerLen, 32).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new double[] {data.getDouble(), data.getDouble(), data.getDouble(), data.getDouble()})
                .containsExactly(1.5, 0.25, -2, 3);
        String bHeader = new String(entries.get("b.npy"), 10, 118, StandardCharsets.US_ASCII);
        assertThat(bHeader).contains("'|b1'").contains("(3,)");
        assertThat(new String(entries.get("s.npy"), 10, 54, StandardCharsets.US_ASCII)).contains("'shape': ()");
    }
}
