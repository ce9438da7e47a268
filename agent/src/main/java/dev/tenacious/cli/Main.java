package dev.tenacious.cli;

import dev.tenacious.config.ParseResult;
import dev.tenacious.config.PolicyFileParser;
import dev.tenacious.config.Problem;
import dev.tenacious.weaving.WeavingPlan;

import java.io.File;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar tenacious-agent.jar COMMAND ...}: the operator's tools. Exit codes: 0 done,
 * 1 the command found a problem (invalid file, no agent, attach refused), 2 usage error.
 */
public final class Main {
    static final String USAGE = String.join("\n",
            "usage: java -jar tenacious-agent.jar COMMAND ...",
            "  validate FILE                  check a policy file: every error with file:line:column (exit 0 valid, 1 invalid)",
            "  plan FILE --classpath CP       what each policy would weave in the jars and directories of CP (':'-separated;",
            "                                 DIR/* for every jar in DIR; a Spring Boot jar or a war with its nested jars),",
            "                                 which patterns match nothing, and which methods several policies match",
            "  attach PID [FILE]              install the agent into a running JVM (a JDK's java; JDK 8 through its tools.jar),",
            "                                 weaving the classes it has loaded;",
            "                                 FILE defaults to the agent's own fallbacks as seen by that JVM;",
            "                                 discover[=PATH] instead watches its calls and writes a starter policy file",
            "  status PID                     the running agent's policies and figures, read over the JVM's local JMX");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 2 && args[0].equals("validate")) {
                return validate(new File(args[1]), out, err);
            }
            if (args.length == 4 && args[0].equals("plan") && args[2].equals("--classpath")) {
                return plan(new File(args[1]), args[3], out, err);
            }
            if ((args.length == 2 || args.length == 3) && args[0].equals("attach")) {
                return Attach.attach(args[1], args.length == 3 ? Attach.argument(args[2]) : null, out, err);
            }
            if (args.length == 2 && args[0].equals("status")) {
                return Attach.status(args[1], out, err);
            }
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
        err.println(USAGE);
        return 2;
    }

    static ParseResult parse(File file, PrintStream err) {
        ParseResult result = PolicyFileParser.parse(file.toPath());
        for (Problem w : result.warnings()) {
            err.println("warning: " + w);
        }
        for (Problem e : result.errors()) {
            err.println("error: " + e);
        }
        return result;
    }

    static int validate(File file, PrintStream out, PrintStream err) {
        ParseResult result = parse(file, err);
        if (result == null) {
            return 1;
        }
        if (result.isValid()) {
            out.println(file + ": valid, " + result.file().policies().size() + " policies");
            return 0;
        }
        err.println(file + ": " + result.errors().size() + (result.errors().size() == 1 ? " error" : " errors"));
        return 1;
    }

    static int plan(File file, String classPathText, PrintStream out, PrintStream err) throws Exception {
        ParseResult result = parse(file, err);
        if (result == null || !result.isValid()) {
            return 1;
        }
        WeavingPlan plan;
        try (ClassPath classPath = ClassPath.read(classPathText)) {
            for (String w : classPath.warnings) {
                err.println("warning: " + w);
            }
            plan = WeavingPlan.of(result.file(), classPath.classNames, classPath.locator());
            out.println(plan.classesRead + " classes read from " + classPath.entries
                    + (classPath.entries == 1 ? " entry" : " entries"));
            for (String note : classPath.notes) {
                out.println("  " + note);
            }
        } catch (ClassPath.Problem p) {
            err.println("error: " + p.getMessage());
            return 1;
        }
        for (Map.Entry<String, List<String>> e : plan.methodsByPolicy.entrySet()) {
            out.println("policy " + e.getKey() + ": " + e.getValue().size() + (e.getValue().size() == 1 ? " method" : " methods"));
            for (String m : e.getValue()) {
                out.println("  " + m);
            }
            for (String stacking : plan.stackingByPolicy.get(e.getKey())) {
                out.println("  stacking: " + stacking);
            }
        }
        for (String r : plan.refused) {
            out.println("refused: " + r);
        }
        for (String r : plan.unmatchedRules) {
            out.println("matches nothing: " + r);
        }
        for (Map.Entry<String, List<String>> e : plan.overlaps.entrySet()) {
            out.println("matched by several policies: " + e.getKey() + ": " + e.getValue() + ", " + e.getValue().get(0) + " wins");
        }
        return 0;
    }
}
