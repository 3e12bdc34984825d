package dev.tiering.engine.facts;

import dev.tiering.model.SiteStatus;

/** One power site as the rules see it, on the date of the classification. */
public final class SiteFact {
    private final String name;
    private final String country;
    private final double mw;
    private final boolean aiDedicated;
    private final SiteStatus status;
    private final boolean mwEstimate;

    public SiteFact(
            String name,
            String country,
            double mw,
            boolean aiDedicated,
            SiteStatus status,
            boolean mwEstimate) {
        this.name = name;
        this.country = country;
        this.mw = mw;
        this.aiDedicated = aiDedicated;
        this.status = status;
        this.mwEstimate = mwEstimate;
    }

    public String getName() {
        return name;
    }

    public String getCountry() {
        return country;
    }

    public double getMw() {
        return mw;
    }

    public boolean isAiDedicated() {
        return aiDedicated;
    }

    public SiteStatus getStatus() {
        return status;
    }

    /** The site for a message: "Sweetwater 2 (600 MW, US)". */
    public Figure.Site site() {
        return new Figure.Site(name, new Figure.Mw(mw, mwEstimate), country);
    }
}
