package org.gantry.dsi.tape.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.gantry.dsi.api.Dsi;
import org.gantry.dsi.tape.admin.TapeAdmin;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What every {@code gridftp:tape-*} command shares: finding the tape DSI instance to work on
 * ({@code --dsi NAME}, or the only one there is).
 */
abstract class TapeCommand implements Action {

    @Option(name = "--dsi", description = "The tape DSI instance (needed when there are several)")
    String dsi;

    @Reference
    BundleContext context;

    @Override
    public final Object execute() throws Exception {
        List<ServiceReference<TapeAdmin>> found = new ArrayList<>(instances());
        if (found.isEmpty()) {
            throw new IllegalArgumentException(dsi == null ? "no tape DSI instance is running"
                    : "no tape DSI instance named '" + dsi + "'");
        }
        if (found.size() > 1) {
            List<Object> names = new ArrayList<>();
            found.forEach(r -> names.add(r.getProperty(Dsi.NAME)));
            throw new IllegalArgumentException("several tape DSI instances " + names + ": choose one with --dsi");
        }
        TapeAdmin admin = context.getService(found.get(0));
        try {
            run(admin);
        } finally {
            context.ungetService(found.get(0));
        }
        return null;
    }

    /** Does the command's work on one instance; an exception makes the command fail. */
    abstract void run(TapeAdmin admin) throws Exception;

    private Collection<ServiceReference<TapeAdmin>> instances() throws InvalidSyntaxException {
        String filter = dsi == null ? null : "(" + Dsi.NAME + "=" + dsi.replaceAll("[()*\\\\]", "") + ")";
        return context.getServiceReferences(TapeAdmin.class, filter);
    }
}
