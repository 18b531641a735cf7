package org.alloc4j.training.evaluate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.alloc4j.envs.movable.CandidateGrid;
import org.alloc4j.envs.movable.MovableAntennaEnv;
import org.alloc4j.envs.movable.MovableAntennaInstance;
import org.alloc4j.training.io.Npz;

/**
 * Writes test instances and solutions as {@code .npz} files for re-checking outside Java (layout in
 * README). Channels are exported in physical units, h = (h/σ)·σ, so that the rate formula with
 * {@code noise_w} gives the same sum rate; beamformers are in [√W] in both unit systems.
 */
public final class SolutionExport {
    private SolutionExport() {
    }

    /** Whether the environment's arrays can be exported. */
    public static boolean supports(Environment<?> env) {
        return env instanceof CellFreeEnv || env instanceof MovableAntennaEnv;
    }

    @SuppressWarnings("unchecked")
    public static <I> void writeInstances(Environment<I> env, List<I> instances, Path file) throws IOException {
        if (env instanceof CellFreeEnv cf) {
            cellFreeInstances(cf, (List<CellFreeInstance>) instances).write(file);
        } else if (env instanceof MovableAntennaEnv ma) {
            movableInstances(ma, (List<MovableAntennaInstance>) instances).write(file);
        } else {
            throw new IllegalArgumentException("--export supports the built-in environments, not " + env.id());
        }
    }

    private static Npz cellFreeInstances(CellFreeEnv env, List<CellFreeInstance> list) {
        CellFreeInstance first = list.get(0);
        int m = first.aps();
        int k = first.users();
        int n = first.antennas();
        int per = m * k * n;
        double[] re = new double[list.size() * per];
        double[] im = new double[list.size() * per];
        double[] noise = new double[list.size()];
        double[] power = new double[list.size() * m];
        for (int i = 0; i < list.size(); i++) {
            CellFreeInstance inst = list.get(i);
            double sigma = Math.sqrt(inst.noiseW());
            ComplexArray h = inst.channels();
            for (int j = 0; j < per; j++) {
                re[i * per + j] = h.re(j) * sigma;
                im[i * per + j] = h.im(j) * sigma;
            }
            noise[i] = inst.noiseW();
            java.util.Arrays.fill(power, i * m, (i + 1) * m, inst.powerW());
        }
        return new Npz().complex128("channels", new int[] {list.size(), m, k, n}, re, im)
                .float64("noise_w", new int[] {list.size()}, noise)
                .float64("power_w", new int[] {list.size(), m}, power)
                .int64("k_max", new int[0], new long[] {env.config().maxUsersPerAp()})
                .int64("m_max", new int[0], new long[] {env.config().maxApsPerUser()});
    }

    private static Npz movableInstances(MovableAntennaEnv env, List<MovableAntennaInstance> list) {
        MovableAntennaInstance first = list.get(0);
        int k = first.users();
        int q = first.candidates();
        double[] re = new double[list.size() * k * q];
        double[] im = new double[list.size() * k * q];
        double[] noise = new double[list.size()];
        double[] power = new double[list.size()];
        for (int i = 0; i < list.size(); i++) {
            MovableAntennaInstance inst = list.get(i);
            double sigma = Math.sqrt(inst.noiseW());
            for (int u = 0; u < k; u++) {
                for (int c = 0; c < q; c++) {
                    re[(i * k + u) * q + c] = inst.re(u, c) * sigma;
                    im[(i * k + u) * q + c] = inst.im(u, c) * sigma;
                }
            }
            noise[i] = inst.noiseW();
            power[i] = inst.powerW();
        }
        CandidateGrid grid = env.grid();
        double[] pos = new double[q * 2];
        for (int c = 0; c < q; c++) {
            pos[2 * c] = grid.x(c);
            pos[2 * c + 1] = grid.y(c);
        }
        return new Npz().complex128("channels", new int[] {list.size(), k, q}, re, im)
                .float64("noise_w", new int[] {list.size()}, noise)
                .float64("power_w", new int[] {list.size()}, power)
                .float64("candidate_positions", new int[] {q, 2}, pos)
                .float64("min_distance", new int[0], new double[] {grid.minDistance()});
    }

    /** Solutions of one method: support indicators, beamformers and sum rates. */
    public static <I> void writeSolutions(Environment<I> env, List<Solution> solutions, double[] sumRates, Path file)
            throws IOException {
        int count = solutions.size();
        int candidates = env.candidateCount();
        boolean[] support = new boolean[count * candidates];
        ComplexArray w0 = solutions.get(0).beamformer();
        int per = w0.size();
        double[] re = new double[count * per];
        double[] im = new double[count * per];
        for (int i = 0; i < count; i++) {
            Solution s = solutions.get(i);
            System.arraycopy(s.support().toIndicator(candidates), 0, support, i * candidates, candidates);
            ComplexArray w = s.beamformer();
            if (w.size() != per) {
                throw new IllegalStateException("beamformers of different sizes cannot be stacked");
            }
            for (int j = 0; j < per; j++) {
                re[i * per + j] = w.re(j);
                im[i * per + j] = w.im(j);
            }
        }
        int[] supportShape;
        if (env instanceof CellFreeEnv cf) {
            supportShape = new int[] {count, cf.config().aps(), cf.config().users()};
        } else {
            supportShape = new int[] {count, candidates};
        }
        int[] wShape = new int[w0.rank() + 1];
        wShape[0] = count;
        System.arraycopy(w0.shape(), 0, wShape, 1, w0.rank());
        new Npz().bool("support", supportShape, support).complex128("beamformers", wShape, re, im)
                .float64("sum_rate", new int[] {count}, sumRates).write(file);
    }
}
