package io.crowdpulse.common.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.crowdpulse.common.paging.Page;
import io.crowdpulse.common.paging.PageRequest;

/** One page of a filtered query and the total it is a page of, in plain JDBC. */
public final class PagedQuery {

    /** Reads one row into a value. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private final StringBuilder where = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    /** Adds a condition with one {@code ?} for {@code value}; skipped when the value is null. */
    public PagedQuery where(String condition, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
            args.add(value);
        }
        return this;
    }

    /** Runs {@code SELECT columns FROM table WHERE … ORDER BY orderBy LIMIT … OFFSET …} and the matching count. */
    public <T> Page<T> run(Connection c, String columns, String table, String orderBy, PageRequest page,
            RowMapper<T> mapper) throws SQLException {
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<T> items = new ArrayList<>();
        List<Object> paged = new ArrayList<>(args);
        paged.add(page.size());
        paged.add(page.offset());
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + table + where
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?")) {
            bind(ps, paged);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(mapper.map(rs));
                }
            }
        }
        return new Page<>(items, page.page(), page.size(), total);
    }

    private static void bind(PreparedStatement ps, List<Object> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(i + 1, values.get(i));
        }
    }
}
