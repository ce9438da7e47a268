package dev.tenacious.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.parser.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser's events as SnakeYAML's composer takes them, counted: composing stops once the file
 * has written more values than {@link ExpandedTree#MAX_VALUES} (each costs the scanner microseconds,
 * and a file that writes that many would be refused after composing anyway). It also keeps, in
 * document order, where every alias is used (the composed tree keeps only the node an alias names),
 * and where the last event was, for SnakeYAML errors that carry no position.
 */
final class CountingParser implements Parser {
    private final Parser parser;
    private final int maxValues;
    private int values;
    private Mark last;
    final List<AliasEvent> aliases = new ArrayList<AliasEvent>();

    CountingParser(Parser parser, int maxValues) {
        this.parser = parser;
        this.maxValues = maxValues;
    }

    /** Thrown from {@link #getEvent()} at the first value past the limit. */
    static final class TooManyValues extends RuntimeException {
        final Mark at;

        TooManyValues(Mark at) {
            super(null, null, false, false);
            this.at = at;
        }
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
        Event e = parser.getEvent();
        last = e.getStartMark();
        Event.ID id = e.getEventId();
        if (id == Event.ID.Scalar || id == Event.ID.SequenceStart || id == Event.ID.MappingStart || id == Event.ID.Alias) {
            if (++values > maxValues) {
                throw new TooManyValues(e.getStartMark());
            }
            if (id == Event.ID.Alias) {
                aliases.add((AliasEvent) e);
            }
        }
        return e;
    }

    /** Where the last event taken started; null before the first. */
    Mark last() {
        return last;
    }
}
