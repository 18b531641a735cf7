package org.alloc4j.training.io;

import java.io.PrintStream;

/**
 * A one-line console progress bar on standard error. On a terminal it redraws in place; otherwise
 * (CI logs) it prints a line at every tenth of the work so that logs stay short.
 */
public final class ProgressBar {
    private final PrintStream out;
    private final boolean interactive;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private int lastDecile = -1;

    public ProgressBar(long total) {
        this(total, System.err, System.console() != null);
    }

    ProgressBar(long total, PrintStream out, boolean interactive) {
        this.total = Math.max(1, total);
        this.out = out;
        this.interactive = interactive;
    }

    /** Adds {@code steps} of work and redraws with a short status text. */
    public synchronized void advance(long steps, String status) {
        done = Math.min(total, done + steps);
        double frac = (double) done / total;
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = frac > 0 ? elapsed * (1 - frac) / frac : Double.NaN;
        int width = 30;
        int filled = (int) Math.round(frac * width);
        String line = String.format("[%s%s] %3.0f%%  %s  %s elapsed, ~%s left", "#".repeat(filled),
                ".".repeat(width - filled), 100 * frac, status, seconds(elapsed), seconds(eta));
        if (interactive) {
            out.print("\r" + line + "   ");
            if (done == total) {
                out.println();
            }
        } else {
            int decile = (int) (frac * 10);
            if (decile != lastDecile || done == total) {
                lastDecile = decile;
                out.println(line);
            }
        }
        out.flush();
    }

    private static String seconds(double s) {
        if (Double.isNaN(s)) {
            return "?";
        }
        return s < 90 ? String.format("%.0fs", s) : String.format("%.1fmin", s / 60);
    }
}
