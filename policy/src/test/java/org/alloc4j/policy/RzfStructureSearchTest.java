package org.alloc4j.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.alloc4j.baselines.Allocator;
import org.alloc4j.baselines.MethodCatalog;
import org.alloc4j.envs.FeasibilityReport;
import org.alloc4j.envs.Solution;
import org.alloc4j.envs.Support;
import org.alloc4j.envs.cellfree.CellFreeConfig;
import org.alloc4j.envs.cellfree.CellFreeEnv;
import org.alloc4j.envs.cellfree.CellFreeInstance;
import org.alloc4j.envs.math.ComplexArray;
import org.junit.jupiter.api.Test;

class RzfStructureSearchTest {
    private final CellFreeEnv cellFree = CellFreeEnv.preset(CellFreeConfig.DEFAULT);

    /**
     * Invariants of the per-instance search: never below the CVLN it starts from (best iterate kept),
     * clearly above an untrained CVLN on average, every solution feasible by the environment's checker
     * (per-AP budgets, zero on unserved links), rates by the plain-Java sum rate.
     */
    @Test
    void searchNeverLosesToTheCvlnAndEverySolutionIsFeasible() {
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 6, 21L);
        List<Support> supports = PolicyTestSupport.randomSupports(cellFree, batch, 22L);
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.small(), 23L)) {
            MethodCatalog<CellFreeInstance> catalog = LearnedMethods.register(MethodCatalog.classical(cellFree), p);
            List<ComplexArray> net = catalog.beamformer(CellFreeNetworks.RZF, MethodCatalog.Context.of(1)).beamformAll(batch, supports);
            List<ComplexArray> opt = catalog.beamformer(CellFreeNetworks.RZF_SEARCH, MethodCatalog.Context.of(1)).beamformAll(batch, supports);
            double gain = 0;
            for (int i = 0; i < batch.size(); i++) {
                Solution s = new Solution(supports.get(i), opt.get(i));
                FeasibilityReport rep = cellFree.checker().check(batch.get(i), s);
                assertThat(rep.feasible()).as(rep.toString()).isTrue();
                double before = cellFree.sumRate(batch.get(i), new Solution(supports.get(i), net.get(i)));
                double after = cellFree.sumRate(batch.get(i), s);
                assertThat(after).as("instance %d", i).isGreaterThanOrEqualTo(before - 1e-6 * Math.abs(before));
                gain += (after - before) / batch.size();
            }
            assertThat(gain).as("mean gain over an untrained CVLN [bit/s/Hz]").isGreaterThan(0.5);
        }
    }

    @Test
    void searchIsRefusedInTraining() {
        List<CellFreeInstance> batch = PolicyTestSupport.instances(cellFree, 2, 24L);
        List<Support> supports = PolicyTestSupport.randomSupports(cellFree, batch, 25L);
        try (Policy<CellFreeInstance> p = Policy.initialise(cellFree, PolicyTestSupport.small(), 26L);
             ai.djl.ndarray.NDManager m = p.manager().newSubManager()) {
            var f = p.networks().featurize(m, batch);
            assertThatThrownBy(() -> p.networks().beamform(new ai.djl.training.ParameterStore(m, false),
                    CellFreeNetworks.RZF_SEARCH, f, supports, true)).hasMessageContaining("rzf-opt");
        }
    }
}
