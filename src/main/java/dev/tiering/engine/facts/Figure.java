package dev.tiering.engine.facts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A value that fills a slot of a message template ({@link Prose#say}): a quantity with its unit, or
 * something else {@link Prose} knows how to write. A rule file passes figures, never formatted
 * text, so that all figures of one unit in a message are written together, each with the figures it
 * takes to read apart from the others ({@code USD 999,999,999} beside {@code USD 1,000,000,000}),
 * and a figure the profile marks as an estimate reads "about … (estimate)".
 *
 * <p>The facts hand out figures of their own values ({@link OperatorFact#establishedBacklog()},
 * {@link DealFact#value()}); thresholds and sums become figures through the factories here: {@code
 * Figure.usd(massiveEstablishedBacklogUsd())}.
 */
public sealed interface Figure {

    /** An amount in US dollars: USD 9.7 B, USD 311 M, USD 450,000. */
    record Usd(double value, boolean estimate) implements Figure {}

    /** Power: 2,150 MW, 7.2 MW. */
    record Mw(double value, boolean estimate) implements Figure {}

    /** A share from 0 to 1, written as a percentage: 74 %. */
    record Share(double value, boolean estimate) implements Figure {}

    /** A price per MW and year, USD 11.3 M/MW/yr; a null value is "not known". */
    record Density(Double value, boolean estimate) implements Figure {}

    /** A plain ratio, "5.4" (times as much). */
    record Times(double value) implements Figure {}

    /** A count with its noun: "1 binding deal", "2 binding deals", never "deal(s)". */
    record Count(long n, String singular, String plural) implements Figure {}

    /** The GPUs of a cloud: "2,000 GPUs", "no GPUs", "GPU count not disclosed". */
    record Gpus(Long n, boolean estimate) implements Figure {}

    /** Who a deal is with: "Microsoft, a hyperscaler". */
    record Customer(DealFact deal) implements Figure {}

    /** Deals grouped by customer, largest first, with their ids: {@link Prose#customers}. */
    record Customers(List<DealFact> deals) implements Figure {}

    /** A site with its size and country: "Sweetwater 2 (600 MW, US)". */
    record Site(String name, Mw mw, String country) implements Figure {}

    static Usd usd(double value) {
        return new Usd(value, false);
    }

    static Mw mw(double value) {
        return new Mw(value, false);
    }

    static Share share(double value) {
        return new Share(value, false);
    }

    static Density density(double value) {
        return new Density(value, false);
    }

    static Times times(double value) {
        return new Times(value);
    }

    static Count count(long n, String noun) {
        return new Count(n, noun, noun + "s");
    }

    static Count count(long n, String singular, String plural) {
        return new Count(n, singular, plural);
    }

    static Customer customer(DealFact deal) {
        return new Customer(deal);
    }

    /** The deals of a {@code collect}: any collection of {@link DealFact}. */
    static Customers customers(Collection<?> deals) {
        List<DealFact> out = new ArrayList<>(deals.size());
        for (Object o : deals) {
            out.add((DealFact) o);
        }
        return new Customers(List.copyOf(out));
    }
}
