package org.alloc4j.training.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}: training statistics averaged over an epoch's steps and the
 * validation of the greedy policy at its end. Epoch 0 is the untrained policy (validation only).
 *
 * @param epoch              epoch number
 * @param steps              joint steps so far
 * @param meanReward         mean sampled reward (sum rate of the reward CVLN) [bit/s/Hz]
 * @param policyLoss         mean policy-gradient loss
 * @param criticLoss         mean critic loss (on rewards divided by the run's reward scale)
 * @param cvlnLoss           mean of −(mean sum rate) summed over the trained CVLNs
 * @param entropy            mean summed entropy of the decoding distribution
 * @param gradNormDvln       mean gradient norm of the DVLN before clipping
 * @param gradNormCvln       mean gradient norm of the reward CVLN before clipping
 * @param gradNormCritic     mean gradient norm of the critic before clipping
 * @param meanSupportSize    mean |A| of sampled sets
 * @param associationRate    mean |A| divided by its upper bound
 * @param valSumRate         validation mean sum rate, greedy decoding + reward CVLN, exact [bit/s/Hz]
 * @param valRatio           valSumRate over greedy+wmmse on the validation set
 * @param valSupportSize     validation mean |A|
 * @param valFeasibleRate    share of validation solutions the independent checker accepts
 * @param seconds            wall time of the epoch [s]
 */
public record EpochMetrics(int epoch, long steps, double meanReward, double policyLoss, double criticLoss,
                           double cvlnLoss, double entropy, double gradNormDvln, double gradNormCvln,
                           double gradNormCritic, double meanSupportSize, double associationRate, double valSumRate,
                           double valRatio, double valSupportSize, double valFeasibleRate, double seconds) {

    public static final String CSV_HEADER = "epoch,steps,mean_reward,policy_loss,critic_loss,cvln_loss,entropy,"
            + "grad_norm_dvln,grad_norm_cvln,grad_norm_critic,mean_support_size,association_rate,val_sum_rate,"
            + "val_ratio_to_greedy_wmmse,val_support_size,val_feasible_rate,seconds";

    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%.3f", epoch, steps,
                num(meanReward), num(policyLoss), num(criticLoss), num(cvlnLoss), num(entropy), num(gradNormDvln),
                num(gradNormCvln), num(gradNormCritic), num(meanSupportSize), num(associationRate), num(valSumRate),
                num(valRatio), num(valSupportSize), num(valFeasibleRate), seconds);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The CSV line without the wall-time column, for comparing runs. */
    public static String withoutTime(String csvLine) {
        return csvLine.substring(0, csvLine.lastIndexOf(','));
    }
}
