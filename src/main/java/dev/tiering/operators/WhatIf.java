package dev.tiering.operators;

import dev.tiering.model.Deal;
import java.time.LocalDate;
import java.util.List;

/**
 * A hypothetical change to an operator's deals ({@code POST /operators/{ticker}/what-if}): deals to
 * add, deals to amend (by id), ids of deals to remove, and optionally the date to classify on.
 */
public record WhatIf(
        List<Deal> addDeals, List<Deal> amendDeals, List<String> removeDeals, LocalDate asOf) {
    public WhatIf {
        // Not List.copyOf: a null element must reach validation and come back as a 400 naming it.
        addDeals =
                addDeals == null
                        ? List.of()
                        : java.util.Collections.unmodifiableList(
                                new java.util.ArrayList<>(addDeals));
        amendDeals =
                amendDeals == null
                        ? List.of()
                        : java.util.Collections.unmodifiableList(
                                new java.util.ArrayList<>(amendDeals));
        removeDeals =
                removeDeals == null
                        ? List.of()
                        : java.util.Collections.unmodifiableList(
                                new java.util.ArrayList<>(removeDeals));
    }
}
