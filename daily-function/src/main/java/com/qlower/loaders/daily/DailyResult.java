package com.qlower.loaders.daily;

import java.util.List;

/**
 * What the daily function did.
 *
 * @param summaryKeys the summaries written (JSON and HTML), for {@link DailyRequest.Task#SUMMARY}
 * @param partnersWithoutDrop the registered partners that sent nothing, for
 *     {@link DailyRequest.Task#MISSING_DROP_CHECK}
 */
public record DailyResult(List<String> summaryKeys, List<String> partnersWithoutDrop) {

    public DailyResult {
        summaryKeys = List.copyOf(summaryKeys);
        partnersWithoutDrop = List.copyOf(partnersWithoutDrop);
    }
}
