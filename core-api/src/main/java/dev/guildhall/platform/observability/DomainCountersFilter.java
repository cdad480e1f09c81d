package dev.guildhall.platform.observability;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Hands every answered {@code /v1} request to {@link DomainCounters}. */
public class DomainCountersFilter {

    @Inject
    DomainCounters counters;

    @ServerResponseFilter
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        counters.record(request.getMethod(), request.getUriInfo().getPath(), response.getStatus(), response.getEntity());
    }
}
