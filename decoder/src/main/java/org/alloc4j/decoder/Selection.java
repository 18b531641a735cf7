package org.alloc4j.decoder;

/**
 * What a decoding strategy chose at one step.
 *
 * @param actions one action per row (END = N)
 * @param parents for each new row, the old row it continues; {@code null} when every row continues
 *                itself (all strategies but beam search)
 */
public record Selection(long[] actions, int[] parents) {
}
