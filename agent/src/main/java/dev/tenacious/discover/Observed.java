package dev.tenacious.discover;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What discovery saw, per dependency and per application method, read at one moment for writing the
 * file: each key's figures, added up per method across the libraries and kinds of call it used.
 */
final class Observed {
    /** The calls one application method (or no application frame) made to one dependency. */
    static final class Method {
        final AppFrame frame;
        /** Why calls made inside another method are charged to this one (its callee took their connection). */
        final java.util.Set<String> via = new java.util.TreeSet<String>();
        final Figures total = new Figures();
        final Map<Libraries.Library, Figures> byLibrary = new LinkedHashMap<Libraries.Library, Figures>();

        Method(AppFrame frame) {
            this.frame = frame;
        }

        void add(Libraries.Library library, Figures f) {
            total.add(f);
            Figures l = byLibrary.get(library);
            if (l == null) {
                l = new Figures();
                byLibrary.put(library, l);
            }
            l.add(f);
        }

        /** The libraries' titles, most used first: {@code HttpURLConnection}. */
        String libraries() {
            List<String> names = new ArrayList<String>();
            for (Libraries.Library l : byLibrary.keySet()) {
                names.add(l.title);
            }
            return String.join(" and ", names);
        }
    }

    /** One dependency and its methods, most calls first. */
    static final class Dependency {
        final dev.tenacious.discover.Dependency dependency;
        final Figures total = new Figures();
        final List<Method> methods = new ArrayList<Method>();
        final Map<Libraries.Library, Figures> byLibrary = new LinkedHashMap<Libraries.Library, Figures>();

        Dependency(dev.tenacious.discover.Dependency dependency) {
            this.dependency = dependency;
        }
    }

    private Observed() {
    }

    /** Which method a site's calls are charged to, and why when it is not the innermost one. */
    interface Charging {
        AppFrame chargeTo(Site site);

        /** Why the site's calls go to {@link #chargeTo}'s method rather than its innermost one; null if they do not. */
        String why(Site site);
    }

    static List<Dependency> read(List<dev.tenacious.discover.Dependency> dependencies, Charging charging) {
        List<Dependency> result = new ArrayList<Dependency>();
        for (dev.tenacious.discover.Dependency d : dependencies) {
            Dependency o = new Dependency(d);
            Map<AppFrame, Method> methods = new LinkedHashMap<AppFrame, Method>();
            for (CallKey k : d.keys()) {
                Figures keyTotal = k.total();
                o.total.add(keyTotal);
                Figures l = o.byLibrary.get(k.library);
                if (l == null) {
                    l = new Figures();
                    o.byLibrary.put(k.library, l);
                }
                l.add(keyTotal);
                for (Map.Entry<Site, Figures> e : k.figures().entrySet()) {
                    if (e.getValue().calls == 0) {
                        continue;
                    }
                    AppFrame frame = charging.chargeTo(e.getKey());
                    Method m = methods.get(frame);
                    if (m == null) {
                        m = new Method(frame);
                        methods.put(frame, m);
                    }
                    String why = charging.why(e.getKey());
                    if (why != null) {
                        m.via.add(why);
                    }
                    m.add(k.library, e.getValue());
                }
            }
            if (o.total.calls == 0) {
                continue;
            }
            o.methods.addAll(methods.values());
            Collections.sort(o.methods, new Comparator<Method>() {
                @Override
                public int compare(Method a, Method b) {
                    int c = Long.compare(b.total.calls, a.total.calls);
                    return c != 0 ? c : a.frame.toString().compareTo(b.frame.toString());
                }
            });
            result.add(o);
        }
        Collections.sort(result, new Comparator<Dependency>() {
            @Override
            public int compare(Dependency a, Dependency b) {
                int c = Long.compare(b.total.calls, a.total.calls);
                return c != 0 ? c : a.dependency.id.compareTo(b.dependency.id);
            }
        });
        return result;
    }
}
