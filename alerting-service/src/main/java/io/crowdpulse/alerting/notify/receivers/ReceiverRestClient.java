package io.crowdpulse.alerting.notify.receivers;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Posts a JSON body to the URL the client was built for; built per receiver URL by {@link ReceiverClient}. */
interface ReceiverRestClient extends AutoCloseable {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Response post(String body);
}
