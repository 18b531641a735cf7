package org.alloc4j.envs.cellfree;

import org.alloc4j.envs.Environment;
import org.alloc4j.envs.testing.EnvironmentContractTest;
import org.junit.jupiter.api.Nested;

/** The environment contract on every cell-free preset. */
class CellFreeContractTests {

    @Nested
    class Tiny extends EnvironmentContractTest<CellFreeInstance> {
        @Override
        protected Environment<CellFreeInstance> environment() {
            return CellFreeEnv.preset(CellFreeConfig.TINY);
        }
    }

    @Nested
    class Default extends EnvironmentContractTest<CellFreeInstance> {
        @Override
        protected Environment<CellFreeInstance> environment() {
            return CellFreeEnv.preset(CellFreeConfig.DEFAULT);
        }
    }

    @Nested
    class Large extends EnvironmentContractTest<CellFreeInstance> {
        @Override
        protected Environment<CellFreeInstance> environment() {
            return CellFreeEnv.preset(CellFreeConfig.LARGE);
        }
    }
}
