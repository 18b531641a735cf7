package org.alloc4j.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.movable.MovableAntennaConfig;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EncoderTest {
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        EngineSettings.applyDefaults();
        Engine.getInstance().setRandomSeed(7);
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** A copy of the instance with APs and UEs relabelled: new AP a is old AP apPerm[a], likewise for UEs. */
    private static CellFreeInstance permuted(CellFreeInstance inst, int[] apPerm, int[] uePerm) {
        int m = inst.aps();
        int k = inst.users();
        int n = inst.antennas();
        double[] re = new double[m * k * n];
        double[] im = new double[m * k * n];
        for (int a = 0; a < m; a++) {
            for (int u = 0; u < k; u++) {
                for (int x = 0; x < n; x++) {
                    re[inst.index(a, u, x)] = inst.re(apPerm[a], uePerm[u], x);
                    im[inst.index(a, u, x)] = inst.im(apPerm[a], uePerm[u], x);
                }
            }
        }
        return CellFreeInstance.fromChannels(m, k, n, re, im, inst.noiseW(), inst.powerW());
    }

    /**
     * The host encoder and the host two-edge-type GNN compute what their tensor forms compute, at
     * inference and in training, on cell-free-v1 and cell-free-large-v1, at two widths; a random half of
     * the links is "chosen".
     */
    @Test
    void hostFormsMatchTheTensorForms() {
        for (String preset : List.of(CellFreeConfig.DEFAULT, CellFreeConfig.LARGE)) {
            for (int d : new int[] {16, 64}) {
                CellFreeEnv env = CellFreeEnv.preset(preset);
                CellFreeInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(d + 3L));
                int m = inst.aps();
                int k = inst.users();
                try (NDManager nd = manager.newSubManager()) {
                    ParameterStore ps = new ParameterStore(nd, false);
                    CellFreeFeatures f = CellFreeFeatures.of(nd, List.of(inst));
                    CellFreeEncoder enc = new CellFreeEncoder(new EncoderConfig(d, 3, false), inst.antennas());
                    enc.initialize(nd);
                    float[] tensor = enc.encode(ps, f, false).candidates().toFloatArray();
                    float[] host = enc.onHost(ps, nd.getDevice()).encodeAll(List.of(CellFreeFeatures.edgesOf(inst)), m, k).get(0).edges();
                    assertClose(host, tensor, preset + " encoder d=" + d);
                    // the training forward (out of place, another summation order) is the same function
                    assertClose(host, enc.encode(ps, f, true).candidates().toFloatArray(), preset + " encoder in training d=" + d);

                    TwoTypeEdgeGnn gnn = new TwoTypeEdgeGnn(CellFreeFeatures.edgeWidth(inst.antennas()), d, 2, false, true);
                    gnn.initialize(nd);
                    boolean[] chosen = new boolean[m * k];
                    float[] mask = new float[m * k];
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(d);
                    for (int i = 0; i < m * k; i++) {
                        chosen[i] = rnd.nextBoolean();
                        mask[i] = chosen[i] ? 1f : 0f;
                    }
                    NDArray typeMask = nd.create(mask, new ai.djl.ndarray.types.Shape(1, m, k, 1));
                    float[] gTensor = gnn.apply(ps, f.edges(), typeMask, false).edges().toFloatArray();
                    float[] gHost = gnn.onHost(ps, nd.getDevice()).applyAll(List.of(CellFreeFeatures.edgesOf(inst)), List.of(chosen), m, k, null).get(0);
                    assertClose(gHost, gTensor, preset + " two-type GNN d=" + d);
                    assertClose(gHost, gnn.apply(ps, f.edges(), typeMask, true).edges().toFloatArray(),
                            preset + " two-type GNN in training d=" + d);
                }
            }
        }
    }

    /**
     * An MLP leaves its input's shape as it was: DJL's {@code Shape.getShape()} hands out the shape's own
     * array, and writing the output width into it once made the caller's features report (…, d) instead
     * of (…, 2N+1).
     */
    @Test
    void anMlpDoesNotReshapeItsInput() {
        try (NDManager nd = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(nd, false);
            Mlp mlp = new Mlp(5, 16, 16, false);
            mlp.initialize(nd, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 5));
            NDArray x = nd.ones(new ai.djl.ndarray.types.Shape(2, 3, 4, 5));
            for (boolean training : new boolean[] {false, true}) {
                assertThat(mlp.apply(ps, x, training).getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(2, 3, 4, 16));
                assertThat(mlp.applyConcat(ps, List.of(x.get(":, :, :, 0:2"), x.get(":, :1, :, 2:5")), training).getShape())
                        .isEqualTo(new ai.djl.ndarray.types.Shape(2, 3, 4, 16));
                assertThat(x.getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(2, 3, 4, 5));
            }
        }
    }

    /**
     * On a batch, the two-type GNN's tensor form (each type's rows gathered through its own MLPs) gives
     * every instance what the host form gives it alone — also when all or none of an instance's links
     * are chosen, or none in the whole batch — at inference and in training; AP and UE nodes too.
     */
    @Test
    void twoTypeGnnOnABatchMatchesTheHostFormPerInstanceAndTogether() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        List<CellFreeInstance> batch = new ArrayList<>();
        for (long seed = 0; seed < 4; seed++) {
            batch.add(env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(40 + seed)));
        }
        int m = batch.get(0).aps();
        int k = batch.get(0).users();
        int d = 16;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        boolean[][] random = new boolean[4][m * k];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < m * k; j++) {
                // instance 1: all chosen, instance 2: none, the others random
                random[i][j] = i == 1 || i != 2 && rnd.nextBoolean();
            }
        }
        boolean[][] none = new boolean[4][m * k];
        try (NDManager nd = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(nd, false);
            CellFreeFeatures f = CellFreeFeatures.of(nd, batch);
            TwoTypeEdgeGnn gnn = new TwoTypeEdgeGnn(CellFreeFeatures.edgeWidth(batch.get(0).antennas()), d, 2, false, true);
            gnn.initialize(nd);
            TwoTypeEdgeGnn.Host host = gnn.onHost(ps, nd.getDevice());
            for (boolean[][] chosen : List.of(random, none)) {
                float[] mask = new float[4 * m * k];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < m * k; j++) {
                        mask[i * m * k + j] = chosen[i][j] ? 1f : 0f;
                    }
                }
                NDArray typeMask = nd.create(mask, new ai.djl.ndarray.types.Shape(4, m, k, 1));
                for (boolean training : new boolean[] {false, true}) {
                    float[] edges = gnn.apply(ps, f.edges(), typeMask, training).edges().toFloatArray();
                    List<float[]> inputs = new java.util.ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        inputs.add(CellFreeFeatures.edgesOf(batch.get(i)));
                    }
                    List<float[]> together = host.applyAll(inputs, List.of(chosen), m, k, null);
                    for (int i = 0; i < 4; i++) {
                        float[] tensor = java.util.Arrays.copyOfRange(edges, i * m * k * d, (i + 1) * m * k * d);
                        String what = "instance " + i + (chosen == none ? ", no link chosen" : "") + (training ? ", training" : "");
                        assertClose(host.applyAll(List.of(inputs.get(i)), List.of(chosen[i]), m, k, null).get(0), tensor, what);
                        assertClose(together.get(i), tensor, what + ", the four together");
                    }
                }
            }
        }
    }

    private static void assertClose(float[] host, float[] tensor, String what) {
        assertThat(host).as(what).hasSize(tensor.length);
        double scale = 0;
        for (float v : tensor) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertThat(scale).as(what + " is not all zero").isGreaterThan(1e-3);
        for (int i = 0; i < host.length; i++) {
            assertThat((double) host[i]).as("%s, element %d", what, i).isCloseTo(tensor[i], org.assertj.core.data.Offset.offset(1e-4 * scale));
        }
    }

    /**
     * Oracle: the structure features against the {@code structure} baseline precoder of envs (equal
     * weights over all K UEs), evaluated through its own channel accessors, on every link of a
     * cell-free-v1 and a cell-free-large-v1 instance.
     */
    @Test
    void structureFeaturesMatchTheEqualWeightStructurePrecoder() {
        for (String preset : List.of(CellFreeConfig.DEFAULT, CellFreeConfig.LARGE)) {
            CellFreeEnv env = CellFreeEnv.preset(preset);
            CellFreeInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(11L));
            int m = inst.aps();
            int k = inst.users();
            int n = inst.antennas();
            org.alloc4j.baselines.DownlinkProblem all = org.alloc4j.baselines.DownlinkProblem.of(inst,
                    org.alloc4j.envs.Support.of(java.util.stream.IntStream.range(0, m * k).toArray()));
            double[] vRe = new double[m * k * n];
            double[] vIm = new double[m * k * n];
            org.alloc4j.baselines.LocalPrecoder.equalWeightStructure().precode(all, vRe, vIm);
            try (NDManager nd = manager.newSubManager()) {
                float[] got = CellFreeFeatures.of(nd, List.of(inst)).structure().toFloatArray();
                assertThat(got).hasSize(m * k * CellFreeFeatures.STRUCTURE_WIDTH);
                for (int a = 0; a < m; a++) {
                    for (int u = 0; u < k; u++) {
                        double norm2 = 0;
                        for (int x = 0; x < n; x++) {
                            int i = all.index(a, u, x);
                            norm2 += vRe[i] * vRe[i] + vIm[i] * vIm[i];
                        }
                        double signal = 0;
                        double leak = 0;
                        for (int j = 0; j < k; j++) {
                            double gr = 0;
                            double gi = 0;
                            for (int x = 0; x < n; x++) {          // h_ajᴴ v_au
                                int i = all.index(a, u, x);
                                gr += all.re(a, j, x) * vRe[i] + all.im(a, j, x) * vIm[i];
                                gi += all.re(a, j, x) * vIm[i] - all.im(a, j, x) * vRe[i];
                            }
                            double g2 = (gr * gr + gi * gi) / norm2;
                            if (j == u) {
                                signal = g2;
                            } else {
                                leak += g2;
                            }
                        }
                        int f = (a * k + u) * CellFreeFeatures.STRUCTURE_WIDTH;
                        assertThat((double) got[f]).as("%s signal feature of link (%d, %d)", preset, a, u)
                                .isCloseTo(Math.log10(1 + inst.powerW() * signal) / 2, org.assertj.core.data.Offset.offset(1e-5));
                        assertThat((double) got[f + 1]).as("%s leak feature of link (%d, %d)", preset, a, u)
                                .isCloseTo(Math.log10(1 + inst.powerW() * leak) / 2, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
                // the features are not constant: they carry each link's geometry
                assertThat(got[1]).isNotEqualTo(got[3]);
            }
        }
    }

    @Test
    void cellFreeEncoderIsEquivariantToPermutingApsAndUsers() {
        CellFreeEnv env = CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        CellFreeInstance raw = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(1L));
        CellFreeInstance inst = permuted(raw, new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {0, 1, 2, 3, 4, 5});
        int[] apPerm = {3, 0, 7, 1, 6, 2, 5, 4};
        int[] uePerm = {5, 2, 0, 4, 1, 3};
        CellFreeInstance perm = permuted(inst, apPerm, uePerm);
        try (NDManager m = manager.newSubManager()) {
            CellFreeEncoder enc = new CellFreeEncoder(new EncoderConfig(32, 2, false), 2);
            enc.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = enc.encode(ps, CellFreeFeatures.of(m, List.of(inst)), false).candidates().toFloatArray();
            float[] b = enc.encode(ps, CellFreeFeatures.of(m, List.of(perm)), false).candidates().toFloatArray();
            int k = 6;
            int d = 32;
            for (int ap = 0; ap < 8; ap++) {
                for (int ue = 0; ue < k; ue++) {
                    for (int x = 0; x < d; x++) {
                        float expected = a[((apPerm[ap] * k) + uePerm[ue]) * d + x];
                        assertThat(b[(ap * k + ue) * d + x]).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void movableAntennaEmbeddingsIgnoreTheOrderOfUsersAndRunOnAnyGrid() {
        MovableAntennaEnv env = MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        MovableAntennaInstance inst = env.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        try (NDManager m = manager.newSubManager()) {
            MovableAntennaEncoder enc = new MovableAntennaEncoder(new EncoderConfig(32, 2, false), EngnnLayer.Outputs.ALL);
            enc.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            MovableAntennaFeatures f = MovableAntennaFeatures.of(m, List.of(inst));
            NDArray swapped = f.edges().get(":, :, {}", m.create(new long[] {2, 0, 3, 1}));
            MovableAntennaFeatures g = new MovableAntennaFeatures(swapped, f.positions(), f.channelRe(), f.channelIm(),
                    f.powerW(), f.candidates(), f.users());
            float[] a = enc.encode(ps, f, false).candidates().toFloatArray();
            float[] b = enc.encode(ps, g, false).candidates().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4f));
            }
            MovableAntennaEnv tiny = MovableAntennaEnv.preset(MovableAntennaConfig.TINY);
            MovableAntennaInstance small = tiny.sample(RandomSource.XO_RO_SHI_RO_128_PP.create(3L));
            assertThat(enc.encode(ps, MovableAntennaFeatures.of(m, List.of(small)), false).candidates().getShape().getShape())
                    .containsExactly(1, 25, 32);
        }
    }

    @Test
    void gradientsAreIdenticalWithAndWithoutAGarbageCollectionBeforeBackward() {
        CellFreeEnv env = new CellFreeEnv(CellFreeConfig.preset(CellFreeConfig.TINY).with(Map.of()));
        List<CellFreeInstance> batch = new ArrayList<>();
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        for (int i = 0; i < 4; i++) {
            batch.add(env.sample(rng));
        }
        try (NDManager m = manager.newSubManager()) {
            CellFreeEncoder enc = new CellFreeEncoder(new EncoderConfig(16, 2, false), 2);
            enc.initialize(m);
            float[][] first = gradients(enc, m, batch, false);
            float[][] second = gradients(enc, m, batch, true);
            assertThat(first.length).isEqualTo(enc.getParameters().size());
            for (int p = 0; p < first.length; p++) {
                assertThat(second[p]).as("parameter %d", p).containsExactly(first[p]);
            }
            boolean anyNonZero = false;
            for (float[] g : first) {
                for (float v : g) {
                    anyNonZero |= v != 0;
                }
            }
            assertThat(anyNonZero).isTrue();
        }
    }

    private static float[][] gradients(CellFreeEncoder enc, NDManager parent, List<CellFreeInstance> batch, boolean gc) {
        try (NDManager m = parent.newSubManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray out = enc.encode(ps, CellFreeFeatures.of(m, batch), true).candidates();
            NDArray loss = out.square().mean().mul(Tensors.scalar(out, 3.0));
            if (gc) {
                for (int i = 0; i < 5; i++) {
                    System.gc();
                    for (int j = 0; j < 1000; j++) {
                        java.nio.ByteBuffer.allocateDirect(4).putFloat(0, 12345f);
                    }
                }
            }
            collector.backward(loss);
            List<float[]> grads = new ArrayList<>();
            for (Pair<String, Parameter> p : enc.getParameters()) {
                try (NDArray g = p.getValue().getArray().getGradient()) {
                    grads.add(g.toFloatArray());
                    g.subi(g);
                }
            }
            return grads.toArray(new float[0][]);
        }
    }

    @Test
    void mlpOnBroadcastPartsEqualsTheMlpOnTheirConcatenation() {
        try (NDManager m = manager.newSubManager()) {
            Mlp mlp = new Mlp(3 * 8, 16, 8, false);
            mlp.initialize(m, DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 24));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray edges = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 4, 8));
            NDArray tx = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 3, 1, 8));
            NDArray rx = m.randomNormal(new ai.djl.ndarray.types.Shape(2, 1, 4, 8));
            NDArray split = mlp.applyConcat(ps, List.of(edges, tx, rx), false);
            NDArray full = mlp.apply(ps, ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(edges,
                    tx.broadcast(edges.getShape()), rx.broadcast(edges.getShape())), -1), false);
            float[] a = split.toFloatArray();
            float[] b = full.toFloatArray();
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void hostTanhMatchesMathTanh() {
        for (double x = -30; x <= 30; x += 0.0137) {
            assertThat(HostKernels.tanh(x)).isCloseTo(Math.tanh(x), org.assertj.core.api.Assertions.within(1e-15));
        }
        for (double x : new double[] {1e-300, -1e-300, 3e-9, -7e-5, 9.9e-5, 1.01e-4}) {
            assertThat(HostKernels.tanh(x)).isCloseTo(Math.tanh(x), org.assertj.core.api.Assertions.withinPercentage(1e-10));
        }
        assertThat(HostKernels.tanh(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(HostKernels.tanh(Double.NEGATIVE_INFINITY)).isEqualTo(-1.0);
    }

    /**
     * The blocked product equals a plain triple loop bit for bit (same order of summation), for row
     * counts on and off the block of four, a slice of the weight rows, an x offset and rows of zeros.
     */
    @Test
    void hostProductEqualsThePlainLoopExactly() {
        org.apache.commons.rng.UniformRandomProvider rng =
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
        for (int rows : new int[] {1, 3, 4, 5, 8, 11}) {
            for (int[] wc : new int[][] {{1, 2}, {16, 16}, {5, 81}}) {
                int width = wc[0];
                int cols = wc[1];
                int from = 2;
                int xOffset = 3;
                float[] x = new float[xOffset + rows * width];
                for (int j = xOffset; j < x.length; j++) {
                    x[j] = rng.nextInt(4) == 0 ? 0f : (float) (2 * rng.nextDouble() - 1);   // ReLU-like zeros
                }
                java.util.Arrays.fill(x, xOffset, xOffset + Math.min(width, x.length - xOffset), 0f);  // a zero row
                float[] flat = new float[(from + width) * cols];
                for (int j = 0; j < flat.length; j++) {
                    flat[j] = (float) (2 * rng.nextDouble() - 1);
                }
                float[] acc = new float[rows * cols];
                for (int j = 0; j < acc.length; j++) {
                    acc[j] = (float) rng.nextDouble();
                }
                float[] expected = acc.clone();
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        float s = expected[r * cols + c];
                        for (int i = 0; i < width; i++) {
                            s += x[xOffset + r * width + i] * flat[(from + i) * cols + c];
                        }
                        expected[r * cols + c] = s;
                    }
                }
                HostKernels.addProduct(x, xOffset, rows, width, HostKernels.rowsOf(flat, from + width, cols), from, acc);
                assertThat(acc).as("rows %d, %d×%d", rows, width, cols).containsExactly(expected);
            }
        }
    }

    /** A layer followed by another, folded into one ({@code then}), maps rows as the two in turn, with and without biases. */
    @Test
    void foldedLinearLayersEqualTheLayersInTurn() {
        org.apache.commons.rng.UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
        int in = 5;
        int mid = 7;
        int out = 3;
        for (boolean[] biases : new boolean[][] {{false, false}, {true, false}, {false, true}, {true, true}}) {
            LinearLayer.Host first = new LinearLayer.Host(randoms(rng, in * mid), biases[0] ? randoms(rng, mid) : null, in, mid);
            LinearLayer.Host second = new LinearLayer.Host(randoms(rng, mid * out), biases[1] ? randoms(rng, out) : null, mid, out);
            float[] x = randoms(rng, 4 * in);
            float[] expected = second.applyRows(first.applyRows(x, 4), 4);
            float[] folded = first.then(second).applyRows(x, 4);
            for (int i = 0; i < expected.length; i++) {
                assertThat(folded[i]).as("biases %s, element %d", java.util.Arrays.toString(biases), i)
                        .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    private static float[] randoms(org.apache.commons.rng.UniformRandomProvider rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (2 * rng.nextDouble() - 1);
        }
        return a;
    }

    @Test
    void featureMajorProductEqualsThePlainLoopExactly() {
        org.apache.commons.rng.UniformRandomProvider rng =
                org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(19L);
        for (int rows : new int[] {1, 3, 4, 5, 81, HostKernels.LONG_ROWS - 1, HostKernels.LONG_ROWS, 324}) {   // both copies of the loop
            for (int[] wc : new int[][] {{1, 2}, {16, 16}, {5, 7}, {32, 16}}) {
                int width = wc[0];
                int cols = wc[1];
                int from = 2;
                float[][] x = new float[width][rows];
                for (float[] xi : x) {
                    for (int r = 0; r < rows; r++) {
                        xi[r] = rng.nextInt(4) == 0 ? 0f : (float) (2 * rng.nextDouble() - 1);
                    }
                }
                float[][] w = new float[cols][from + width];
                for (float[] wr : w) {
                    for (int j = 0; j < wr.length; j++) {
                        wr[j] = (float) (2 * rng.nextDouble() - 1);
                    }
                }
                float[][] acc = new float[cols][rows];
                for (float[] a : acc) {
                    for (int r = 0; r < rows; r++) {
                        a[r] = (float) rng.nextDouble();
                    }
                }
                float[][] expected = new float[cols][];
                for (int c = 0; c < cols; c++) {
                    expected[c] = acc[c].clone();
                    for (int r = 0; r < rows; r++) {
                        float s = expected[c][r];
                        for (int i = 0; i < width; i++) {
                            s += w[c][from + i] * x[i][r];
                        }
                        expected[c][r] = s;
                    }
                }
                HostKernels.addProductColumns(x, rows, w, from, acc);
                for (int c = 0; c < cols; c++) {
                    assertThat(acc[c]).as("rows %d, %d×%d, output %d", rows, width, cols, c).containsExactly(expected[c]);
                }
            }
        }
    }

    @Test
    void hostColumnGraphStacksGraphsRoundTripsAndKeepsEdgesReceiverMajor() {
        int m = 3;
        int k = 2;
        int d = 2;
        List<HostGraph> graphs = new java.util.ArrayList<>();
        for (int g = 0; g < 2; g++) {
            float[] tx = new float[m * d];
            float[] rx = new float[k * d];
            float[] edges = new float[m * k * d];
            for (int j = 0; j < tx.length; j++) {
                tx[j] = j + 0.5f + 1000 * g;
            }
            for (int j = 0; j < rx.length; j++) {
                rx[j] = -j - 1000 * g;
            }
            for (int j = 0; j < edges.length; j++) {
                edges[j] = 100 + j + 1000 * g;
            }
            graphs.add(new HostGraph(tx, rx, edges, m, k, d));
        }
        HostWorkspace ws = new HostWorkspace();
        List<float[]> txs = new java.util.ArrayList<>();
        List<float[]> rxs = new java.util.ArrayList<>();
        List<float[]> edgeRows = new java.util.ArrayList<>();
        for (HostGraph h : graphs) {
            txs.add(h.tx());
            rxs.add(h.rx());
            edgeRows.add(h.edges());
        }
        HostColumnGraph g = new HostColumnGraph(HostColumnGraph.nodeColumnsOf(txs, m, d, ws), HostColumnGraph.nodeColumnsOf(rxs, k, d, ws),
                HostColumnGraph.edgeColumnsOf(edgeRows, m, k, d, ws), m, k, 2);
        assertThat(g.graphs()).isEqualTo(2);
        // edge (i = 2, j = 1) is row 2·K + 1 = 5 of the row-major graph and entry 1·M + 2 = 5 here;
        // edge (1, 0) is row 2 there and entry 1 here; the second graph's entries follow the first's M·K
        assertThat(g.edges()[1][1 * m + 2]).isEqualTo(graphs.get(0).edges()[(2 * k + 1) * d + 1]);
        assertThat(g.edges()[0][1]).isEqualTo(graphs.get(0).edges()[2 * d]);
        assertThat(g.edges()[1][m * k + 1 * m + 2]).isEqualTo(graphs.get(1).edges()[(2 * k + 1) * d + 1]);
        assertThat(g.tx()[1][m + 2]).isEqualTo(graphs.get(1).tx()[2 * d + 1]);
        assertThat(g.rx()[0][k + 1]).isEqualTo(graphs.get(1).rx()[d]);
        float[] smaller = new float[(m - 1) * k * d];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostColumnGraph.edgeColumnsOf(List.of(edgeRows.get(0), smaller), m, k, d, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graph 1 of the group");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HostColumnGraph.nodeColumnsOf(List.of(txs.get(0), new float[(m - 1) * d]), m, d, ws))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("graph 1 of the group");
        List<HostGraph> back = g.toRows(ws, true);
        assertThat(back).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(back.get(i).tx()).containsExactly(graphs.get(i).tx());
            assertThat(back.get(i).rx()).containsExactly(graphs.get(i).rx());
            assertThat(back.get(i).edges()).containsExactly(graphs.get(i).edges());
        }
    }

    @Test
    void workspaceHandsOutZeroedArraysAndReusesWhatIsGivenBack() {
        HostWorkspace ws = new HostWorkspace();
        float[][] a = ws.take(2, 5);
        a[0][3] = 7f;
        a[1][0] = -1f;
        ws.give(a);
        float[][] b = ws.take(3, 5);
        for (float[] row : b) {
            assertThat(row).hasSize(5).containsOnly(0f);
        }
        // the same arrays, last given first taken (containsExactly would compare the zeroed contents only)
        assertThat(b[0]).as("given back, last in first out").isSameAs(a[1]);
        assertThat(b[1]).isSameAs(a[0]);
        assertThat(b[2]).isNotSameAs(a[0]).isNotSameAs(a[1]);
        assertThat(ws.take(1, 4)[0]).hasSize(4);
    }
}
