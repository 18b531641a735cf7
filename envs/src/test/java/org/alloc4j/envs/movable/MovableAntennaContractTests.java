package org.alloc4j.envs.movable;

import java.util.Map;
import org.alloc4j.envs.Environment;
import org.alloc4j.envs.testing.EnvironmentContractTest;
import org.junit.jupiter.api.Nested;

/** The environment contract on the movable-antenna presets and on geometries where D binds hard. */
class MovableAntennaContractTests {

    @Nested
    class Tiny extends EnvironmentContractTest<MovableAntennaInstance> {
        @Override
        protected Environment<MovableAntennaInstance> environment() {
            return MovableAntennaEnv.preset(MovableAntennaConfig.TINY);
        }
    }

    @Nested
    class Default extends EnvironmentContractTest<MovableAntennaInstance> {
        @Override
        protected Environment<MovableAntennaInstance> environment() {
            return MovableAntennaEnv.preset(MovableAntennaConfig.DEFAULT);
        }
    }

    /** Four antennas at least 1λ apart on a 1λ square: only the corners work, so look-ahead must mask the rest. */
    @Nested
    class CornersOnly extends EnvironmentContractTest<MovableAntennaInstance> {
        @Override
        protected Environment<MovableAntennaInstance> environment() {
            return new MovableAntennaEnv(MovableAntennaConfig.preset(MovableAntennaConfig.TINY)
                    .with(Map.of("antennas", "4", "minDistance", "1.0")));
        }
    }

    /** Eight antennas, D = λ, on a 2λ square with 5×5 positions: at most 9 fit, so look-ahead decides most steps. */
    @Nested
    class TightPacking extends EnvironmentContractTest<MovableAntennaInstance> {
        @Override
        protected Environment<MovableAntennaInstance> environment() {
            return new MovableAntennaEnv(MovableAntennaConfig.preset(MovableAntennaConfig.DEFAULT)
                    .with(Map.of("antennas", "8", "minDistance", "1.0", "areaSide", "2", "gridPoints", "5")));
        }
    }
}
