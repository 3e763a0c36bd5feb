package dev.realtime.messages;

import org.springframework.context.ApplicationContext;

/** What tests of other packages may see of a running application's send writers. */
public final class SendQueues {

    private SendQueues() {
    }

    /** Sends queued for the chat's writer or being written by it. */
    public static int waiting(ApplicationContext context, String chatId) {
        return context.getBean(SendBatcher.class).waiting(chatId);
    }
}
