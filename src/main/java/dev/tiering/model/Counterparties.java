package dev.tiering.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * When two deals are with the same counterparty (MODEL.md, model v3): names compared without case,
 * punctuation and legal suffixes, so "CoreWeave" and "CoreWeave, Inc." are one counterparty.
 */
public final class Counterparties {
    /** Legal suffixes a name may end in, without their dots. */
    static final Set<String> LEGAL_SUFFIXES =
            Set.of(
                    "inc",
                    "corp",
                    "corporation",
                    "llc",
                    "ltd",
                    "limited",
                    "plc",
                    "gmbh",
                    "sa",
                    "ag");

    private Counterparties() {}

    /**
     * The name as compared: lower case, dots dropped ("S.A." is "sa"), other punctuation a space,
     * and legal suffixes at its end dropped ("coreweave" for "CoreWeave, Inc."). A name that is
     * nothing but a suffix keeps it.
     */
    public static String key(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.') {
                continue;
            }
            sb.append(Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : ' ');
        }
        List<String> words = new ArrayList<>();
        for (String w : sb.toString().toLowerCase(Locale.ROOT).split(" ")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        while (words.size() > 1 && LEGAL_SUFFIXES.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        return String.join(" ", words);
    }
}
