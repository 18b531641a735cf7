package org.alloc4j.training.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes NumPy {@code .npz} archives (a zip of {@code .npy} files, format version 1.0, little-endian,
 * C order) that {@code numpy.load} reads. Supported element types: complex128, float64, int64, bool.
 */
public final class Npz {
    private final Map<String, byte[]> arrays = new LinkedHashMap<>();

    /** A complex128 array from separate real and imaginary parts (row-major). */
    public Npz complex128(String name, int[] shape, double[] re, double[] im) {
        check(shape, re.length);
        ByteBuffer b = buffer(re.length * 16);
        for (int i = 0; i < re.length; i++) {
            b.putDouble(re[i]).putDouble(im[i]);
        }
        return put(name, "<c16", shape, b);
    }

    public Npz float64(String name, int[] shape, double[] data) {
        check(shape, data.length);
        ByteBuffer b = buffer(data.length * 8);
        for (double d : data) {
            b.putDouble(d);
        }
        return put(name, "<f8", shape, b);
    }

    public Npz int64(String name, int[] shape, long[] data) {
        check(shape, data.length);
        ByteBuffer b = buffer(data.length * 8);
        for (long d : data) {
            b.putLong(d);
        }
        return put(name, "<i8", shape, b);
    }

    public Npz bool(String name, int[] shape, boolean[] data) {
        check(shape, data.length);
        ByteBuffer b = buffer(data.length);
        for (boolean d : data) {
            b.put((byte) (d ? 1 : 0));
        }
        return put(name, "|b1", shape, b);
    }

    /** Writes the archive atomically (temporary file, then rename). */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        });
    }

    private static void check(int[] shape, int length) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        if (size != length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " needs " + size
                    + " elements, got " + length);
        }
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private Npz put(String name, String descr, int[] shape, ByteBuffer data) {
        StringJoiner dims = new StringJoiner(", ", "(", shape.length == 1 ? ",)" : ")");
        for (int d : shape) {
            dims.add(Integer.toString(d));
        }
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        // magic (6) + version (2) + header length (2) + header + padding + '\n' must be a multiple of 64
        int unpadded = 10 + header.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String padded = header + " ".repeat(padding) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        int len = padded.length();
        out.write(len & 0xFF);
        out.write((len >> 8) & 0xFF);
        out.writeBytes(padded.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.array());
        arrays.put(name, out.toByteArray());
        return this;
    }

    /** Used by tests to read back what was written. */
    public static Map<String, byte[]> readEntries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                out.put(e.getName(), zip.readAllBytes());
            }
        }
        return out;
    }

    /** Writer of one stream, for {@link AtomicFiles}. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }
}
