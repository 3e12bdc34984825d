package dev.tiering.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.tiering.model.CounterpartyType;
import dev.tiering.model.Deal;
import dev.tiering.model.DealStatus;
import dev.tiering.model.FieldError;
import dev.tiering.model.InvalidProfileException;
import dev.tiering.model.Service;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service's CSV dialect (RFC 4180, via jackson-dataformat-csv), beside {@link Json}: a sheet
 * written a page of rows at a time, and the deals sheet in both directions (the export's columns
 * are the import's). Numbers are written plain (no thousands separators, no exponent), so a
 * spreadsheet reads them as numbers; a text cell that a spreadsheet would run as a formula
 * (starting with {@code = + - @}, a tab or a carriage return) is written with a leading {@code '},
 * as OWASP recommends, and read back without it, so an export edited in a spreadsheet imports back
 * unchanged.
 */
public final class Spreadsheets {
    public static final String MEDIA_TYPE = "text/csv";

    /**
     * What a CSV resource method produces where the same path answers JSON too: JSON stays the
     * default.
     */
    public static final String PRODUCES_BESIDE_JSON = "text/csv;qs=0.5";

    /** The columns of {@code GET /deals} and {@code POST /deals/import} (API.md). */
    public static final List<String> DEAL_COLUMNS =
            List.of(
                    "ticker",
                    "id",
                    "counterparty",
                    "counterpartyType",
                    "guarantor",
                    "guarantorType",
                    "service",
                    "status",
                    "valueUsd",
                    "termYears",
                    "mw",
                    "prepaymentUsd",
                    "takeOrPay",
                    "tripleNet",
                    "signed",
                    "ended");

    static final Set<String> REQUIRED_DEAL_COLUMNS =
            Set.of("ticker", "id", "counterparty", "counterpartyType", "status", "valueUsd");

    /**
     * Quotes a cell only where RFC 4180 needs it (by default Jackson quotes every long cell, to
     * save a scan).
     */
    private static final CsvMapper CSV =
            CsvMapper.builder()
                    .enable(
                            com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature
                                    .STRICT_CHECK_FOR_QUOTING)
                    .build();

    private Spreadsheets() {}

    /**
     * A row of a deals sheet: its row number (the header is row 1), the operator's ticker and the
     * deal.
     */
    public record DealRow(int row, String ticker, Deal deal) {}

    /**
     * A spreadsheet written as it is made, a page of rows at a time, so that exporting a store of
     * any size holds one page in memory, not the whole file.
     */
    public static final class Sheet implements AutoCloseable {
        private final List<String> columns;
        private final com.fasterxml.jackson.databind.SequenceWriter writer;

        private Sheet(java.io.OutputStream out, List<String> columns) throws IOException {
            this.columns = columns;
            CsvSchema.Builder schema =
                    CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
            columns.forEach(schema::addColumn);
            this.writer = CSV.writerFor(Map.class).with(schema.build()).writeValues(out);
        }

        /** A sheet of these columns, its header written first. */
        public static Sheet of(java.io.OutputStream out, List<String> columns) throws IOException {
            return new Sheet(out, columns);
        }

        public static Sheet deals(java.io.OutputStream out) throws IOException {
            return new Sheet(out, DEAL_COLUMNS);
        }

        /** One row per deal, in the import's columns. */
        public void deals(Map<String, List<Deal>> dealsByTicker) throws IOException {
            for (Map.Entry<String, List<Deal>> e : dealsByTicker.entrySet()) {
                for (Deal d : e.getValue()) {
                    row(
                            List.of(
                                    text(e.getKey()),
                                    text(d.id()),
                                    text(d.counterparty()),
                                    name(d.counterpartyType()),
                                    text(d.guarantor()),
                                    name(d.guarantorType()),
                                    name(d.service()),
                                    name(d.status()),
                                    number(d.valueUsd()),
                                    number(d.termYears()),
                                    number(d.mw()),
                                    number(d.prepaymentUsd()),
                                    bool(d.takeOrPay()),
                                    bool(d.tripleNet()),
                                    d.signed() == null ? "" : d.signed().toString(),
                                    d.ended() == null ? "" : d.ended().toString()));
                }
            }
        }

        /** One row, a cell per column. */
        public void row(List<String> cells) throws IOException {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), cells.get(i));
            }
            writer.write(m);
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /**
     * Reads the deals of an import: a header row, then one row per deal, columns in any order, an
     * empty cell absent. Every problem of every row is collected, named {@code row N: column} with
     * N the spreadsheet's row number (the header is row 1).
     *
     * @throws InvalidProfileException listing every problem, if there is one
     */
    public static List<DealRow> readDeals(String csv, int maxRows) {
        List<FieldError> errors = new ArrayList<>();
        List<DealRow> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withStrictHeaders(false);
        try (MappingIterator<Map<String, String>> it =
                CSV.readerForMapOf(String.class)
                        .with(schema)
                        .with(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
                        .readValues(csv)) {
            CsvSchema header = (CsvSchema) it.getParserSchema();
            List<String> columns = new ArrayList<>();
            header.forEach(c -> columns.add(c.getName()));
            checkHeader(columns, errors);
            if (!errors.isEmpty()) {
                throw new InvalidProfileException(errors);
            }
            int row = 1;
            while (it.hasNextValue()) {
                row++;
                Map<String, String> cells = it.nextValue();
                if (rows.size() + 1 > maxRows) {
                    errors.add(
                            new FieldError(
                                    "row " + row, "at most " + maxRows + " rows in one import"));
                    break;
                }
                DealRow parsed = deal(row, cells, errors);
                if (parsed != null) {
                    rows.add(parsed);
                }
            }
        } catch (RuntimeJsonMappingException | IOException e) {
            Throwable cause =
                    e instanceof RuntimeJsonMappingException && e.getCause() != null
                            ? e.getCause()
                            : e;
            String where =
                    cause instanceof JsonProcessingException j && j.getLocation() != null
                            ? "line " + j.getLocation().getLineNr()
                            : "$";
            errors.add(
                    new FieldError(
                            where,
                            "not a readable CSV file (RFC 4180): "
                                    + (cause instanceof JsonProcessingException j
                                            ? j.getOriginalMessage()
                                            : cause.getMessage())));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(
                    new FieldError("row 2", "no deal rows: a header row, then one row per deal"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        return rows;
    }

    private static void checkHeader(List<String> columns, List<FieldError> errors) {
        for (String c : columns) {
            if (!DEAL_COLUMNS.contains(c)) {
                errors.add(
                        new FieldError(
                                "row 1: " + c,
                                "unknown column; the columns are "
                                        + String.join(",", DEAL_COLUMNS)));
            }
        }
        for (String required : DEAL_COLUMNS) {
            if (REQUIRED_DEAL_COLUMNS.contains(required) && !columns.contains(required)) {
                errors.add(new FieldError("row 1: " + required, "required column missing"));
            }
        }
        if (columns.size() != columns.stream().distinct().count()) {
            errors.add(new FieldError("row 1", "a column is named twice"));
        }
    }

    private static DealRow deal(int row, Map<String, String> cells, List<FieldError> errors) {
        int before = errors.size();
        Cells c = new Cells(row, cells, errors);
        Deal deal =
                new Deal(
                        c.text("id"),
                        c.text("counterparty"),
                        c.choice("counterpartyType", CounterpartyType.class),
                        c.text("guarantor"),
                        c.choice("guarantorType", CounterpartyType.class),
                        c.choice("service", Service.class),
                        c.choice("status", DealStatus.class),
                        c.number("valueUsd"),
                        c.number("termYears"),
                        c.number("mw"),
                        c.number("prepaymentUsd"),
                        c.bool("takeOrPay"),
                        c.bool("tripleNet"),
                        c.date("signed"),
                        c.date("ended"));
        String ticker = c.text("ticker");
        if (ticker == null) {
            errors.add(new FieldError("row " + row + ": ticker", "required"));
        }
        return errors.size() > before ? null : new DealRow(row, ticker, deal);
    }

    /**
     * One row's cells, read one column at a time; a bad cell is an error named {@code row N:
     * column}.
     */
    private static final class Cells {
        final int row;
        final Map<String, String> cells;
        final List<FieldError> errors;

        Cells(int row, Map<String, String> cells, List<FieldError> errors) {
            this.row = row;
            this.cells = cells;
            this.errors = errors;
        }

        String raw(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : unneutralise(v.strip());
        }

        String text(String column) {
            return raw(column);
        }

        <E extends Enum<E>> E choice(String column, Class<E> type) {
            return parse(
                    column,
                    v -> Enum.valueOf(type, v.toUpperCase(Locale.ROOT)),
                    "one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", ")));
        }

        Double number(String column) {
            return parse(
                    column,
                    v -> {
                        double d = new BigDecimal(v).doubleValue();
                        if (!Double.isFinite(d)) {
                            throw new NumberFormatException();
                        }
                        return d;
                    },
                    "a plain number such as 2000000000 (no thousands separators, no currency)");
        }

        Boolean bool(String column) {
            return parse(
                    column,
                    v -> {
                        if (v.equalsIgnoreCase("true")) {
                            return true;
                        }
                        if (v.equalsIgnoreCase("false")) {
                            return false;
                        }
                        throw new IllegalArgumentException();
                    },
                    "true or false (empty: not disclosed)");
        }

        LocalDate date(String column) {
            return parse(column, LocalDate::parse, "an ISO date such as 2026-05-07");
        }

        private <T> T parse(String column, Function<String, T> how, String expected) {
            String v = raw(column);
            if (v == null) {
                return null;
            }
            try {
                return how.apply(v);
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                errors.add(
                        new FieldError(
                                "row " + row + ": " + column,
                                "'" + shorten(v) + "' is not " + expected));
                return null;
            }
        }
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    /**
     * A text cell as written: a value a spreadsheet would run as a formula gets a leading quote.
     */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        return first == '='
                        || first == '+'
                        || first == '-'
                        || first == '@'
                        || first == '\t'
                        || first == '\r'
                ? "'" + value
                : value;
    }

    /** The value of a cell {@link #text} neutralised. */
    static String unneutralise(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'') {
            char next = cell.charAt(1);
            if (next == '='
                    || next == '+'
                    || next == '-'
                    || next == '@'
                    || next == '\t'
                    || next == '\r') {
                return cell.substring(1);
            }
        }
        return cell;
    }

    /** A number as a spreadsheet reads it: plain, no exponent, no trailing zeros. */
    public static String number(Number n) {
        if (n == null) {
            return "";
        }
        if (n instanceof Long || n instanceof Integer) {
            return n.toString();
        }
        return BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString();
    }

    /** A yes/no cell; empty for not disclosed. */
    public static String bool(Boolean b) {
        return b == null ? "" : b.toString();
    }

    private static String name(Enum<?> e) {
        return e == null ? "" : e.name();
    }

    /** A whole (small) sheet: its header, then the rows. */
    public static String write(List<String> columns, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        columns.forEach(schema::addColumn);
        List<Map<String, String>> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                m.put(columns.get(i), r.get(i));
            }
            out.add(m);
        }
        try {
            return CSV.writerFor(List.class).with(schema.build()).writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
