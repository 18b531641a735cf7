package org.alloc4j.envs.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LinearAlgebraTest {
    private final UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);

    /** A random Hermitian positive semi-definite matrix B Bᴴ of rank ≤ r. */
    private double[][] randomHermitian(int n, int r) {
        double[] bRe = new double[n * r];
        double[] bIm = new double[n * r];
        for (int i = 0; i < bRe.length; i++) {
            bRe[i] = rng.nextDouble() - 0.5;
            bIm[i] = rng.nextDouble() - 0.5;
        }
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < r; k++) {
                    double ar = bRe[i * r + k];
                    double ai = bIm[i * r + k];
                    double cr = bRe[j * r + k];
                    double ci = -bIm[j * r + k];
                    re[i * n + j] += ar * cr - ai * ci;
                    im[i * n + j] += ar * ci + ai * cr;
                }
            }
        }
        return new double[][] {re, im};
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 8, 16})
    void hermitianEigenReconstructsTheMatrixWithOrthonormalVectors(int n) {
        HermitianEigen eig = new HermitianEigen(16);
        for (int trial = 0; trial < 20; trial++) {
            double[][] a = randomHermitian(n, trial % 2 == 0 ? n : Math.max(1, n / 2));
            eig.decompose(a[0], a[1], n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double rr = 0;
                    double ri = 0;
                    double gr = 0;
                    double gi = 0;
                    for (int k = 0; k < n; k++) {
                        // Σ_k Q_ik λ_k conj(Q_jk)
                        double qr = eig.vectorRe(i, k);
                        double qi = eig.vectorIm(i, k);
                        double pr = eig.vectorRe(j, k);
                        double pi = -eig.vectorIm(j, k);
                        rr += eig.value(k) * (qr * pr - qi * pi);
                        ri += eig.value(k) * (qr * pi + qi * pr);
                        // (Qᴴ Q)_ij = Σ_k conj(Q_ki) Q_kj
                        double ar = eig.vectorRe(k, i);
                        double ai = -eig.vectorIm(k, i);
                        double br = eig.vectorRe(k, j);
                        double bi = eig.vectorIm(k, j);
                        gr += ar * br - ai * bi;
                        gi += ar * bi + ai * br;
                    }
                    assertThat(rr).as("Re A[%d][%d]", i, j).isCloseTo(a[0][i * n + j], within(1e-12));
                    assertThat(ri).as("Im A[%d][%d]", i, j).isCloseTo(a[1][i * n + j], within(1e-12));
                    assertThat(gr).isCloseTo(i == j ? 1 : 0, within(1e-12));
                    assertThat(gi).isCloseTo(0, within(1e-12));
                }
            }
        }
    }

    @Test
    void complexSolveInvertsAndRefusesSingularMatrices() {
        int n = 5;
        ComplexMatrix a = new ComplexMatrix(n, n);
        ComplexMatrix b = new ComplexMatrix(n, 2);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a.set(i, j, rng.nextDouble() - 0.5, rng.nextDouble() - 0.5);
            }
            b.set(i, 0, rng.nextDouble(), rng.nextDouble());
            b.set(i, 1, rng.nextDouble(), -rng.nextDouble());
        }
        ComplexMatrix x = a.solve(b);
        ComplexMatrix back = a.times(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                assertThat(back.re(i, j)).isCloseTo(b.re(i, j), within(1e-12));
                assertThat(back.im(i, j)).isCloseTo(b.im(i, j), within(1e-12));
            }
        }
        ComplexMatrix singular = new ComplexMatrix(2, 2);
        singular.set(0, 0, 1, 1);
        singular.set(1, 0, 2, 2);
        assertThatThrownBy(() -> singular.solve(ComplexMatrix.identity(2))).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("singular");
    }
}
