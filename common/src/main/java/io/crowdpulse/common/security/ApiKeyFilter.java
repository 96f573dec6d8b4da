package io.crowdpulse.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.crowdpulse.common.problem.Problem;
import io.crowdpulse.common.problem.ProblemResponses;

/**
 * Checks the API key of every REST call against the role its endpoint requires ({@link Access}):
 * no or unknown key is a 401, a key of the wrong role a 403. Health probes and /q/metrics are not
 * REST resources and stay open.
 */
@Singleton
public class ApiKeyFilter {

    private final ApiKeyAuthenticator keys;

    public ApiKeyFilter(ApiKeyAuthenticator keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Response authorize(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null) {
            return null;
        }
        Access access = resource.getResourceMethod().getAnnotation(Access.class);
        if (access == null) {
            access = resource.getResourceClass().getAnnotation(Access.class);
        }
        if (access == null) {
            return ProblemResponses.of(Problem.of(403, "forbidden", "Forbidden",
                    "This endpoint declares no access rule and is closed"));
        }
        if (!keys.enabled()) {
            request.setProperty(Caller.PROPERTY, new Caller(Role.ADMIN, "anonymous"));
            return null;
        }
        Optional<String> presented = ApiKeys.presentedKey(request.getHeaderString("Authorization"),
                request.getHeaderString("X-API-Key"));
        if (presented.isEmpty()) {
            return unauthorized("Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        }
        Optional<Role> role = keys.roleOf(presented.get());
        if (role.isEmpty()) {
            return unauthorized("The API key is not valid");
        }
        if (!role.get().grants(access.value())) {
            return ProblemResponses.of(Problem.of(403, "forbidden", "Forbidden",
                    "This endpoint needs the " + access.value().name().toLowerCase() + " role; the key has "
                            + role.get().name().toLowerCase()));
        }
        request.setProperty(Caller.PROPERTY, new Caller(role.get(), fingerprint(presented.get())));
        return null;
    }

    private static Response unauthorized(String detail) {
        Response problem = ProblemResponses.of(Problem.of(401, "unauthorized", "Unauthorized", detail));
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer realm=\"crowdpulse\"").build();
    }

    static String fingerprint(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
