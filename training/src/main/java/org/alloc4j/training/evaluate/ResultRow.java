package org.alloc4j.training.evaluate;

/**
 * One method at one power level on one test set (SPEC §7).
 *
 * @param method              method name, for example {@code greedy+wmmse}
 * @param env                 environment preset id
 * @param powerDbm            power budget [dBm]
 * @param instances           test instances
 * @param meanSumRate         mean sum rate [bit/s/Hz]
 * @param ci95                half-width of the 95 % confidence interval of the mean (Student t)
 * @param ratioToGreedyWmmse  meanSumRate / that of {@code greedy+wmmse} at this power (NaN without it)
 * @param feasibleRate        share of solutions the environment's independent checker accepts
 * @param repairedRate        share of solutions whose discrete part had to be repaired
 * @param meanSupportSize     mean |A|
 * @param msPerInstance       wall time per instance [ms], batched as the method batches
 * @param ratioCi95           half-width of the 95 % confidence interval of that ratio from the paired
 *                            per-instance differences to {@code greedy+wmmse}: ci95(R_i − R_ref,i)/mean(R_ref)
 *                            (NaN without the reference). Both methods see the same instances, so this is
 *                            far narrower than the interval of either mean.
 */
public record ResultRow(String method, String env, double powerDbm, int instances, double meanSumRate, double ci95,
                        double ratioToGreedyWmmse, double feasibleRate, double repairedRate, double meanSupportSize,
                        double msPerInstance, double ratioCi95) {

    /** The exact CSV header of {@code results.csv}. */
    public static final String CSV_HEADER = "method,env,power_dbm,instances,mean_sum_rate,ci95,ratio_to_greedy_wmmse,"
            + "feasible_rate,repaired_rate,mean_support_size,ms_per_instance,ratio_ci95";

    public ResultRow withRatio(double ratio, double ratioCi) {
        return new ResultRow(method, env, powerDbm, instances, meanSumRate, ci95, ratio, feasibleRate, repairedRate,
                meanSupportSize, msPerInstance, ratioCi);
    }

    public String toCsv() {
        return String.join(",", method, env, num(powerDbm), Integer.toString(instances), num(meanSumRate), num(ci95),
                num(ratioToGreedyWmmse), num(feasibleRate), num(repairedRate), num(meanSupportSize), num(msPerInstance),
                num(ratioCi95));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
