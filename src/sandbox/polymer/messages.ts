import type { MessageRow } from './state.ts';

type OutboundMessage = Pick<MessageRow, 'direction' | 'subject' | 'body'>;

/** The confirmation a candidate gets when they apply. */
export function applicationConfirmation(jobTitle: string, firstName: string): OutboundMessage {
  return {
    direction: 'outbound',
    subject: `Thanks for applying to ${jobTitle}`,
    body: `<p>Hi ${firstName}, thanks for applying to the ${jobTitle} role at Lumen Analytics. We'll be in touch soon.</p>`,
  };
}

/** The automated message a stage move sends unless skip_message_automations is set. */
export function stageUpdate(jobTitle: string, firstName: string): OutboundMessage {
  return {
    direction: 'outbound',
    subject: `An update on your application for ${jobTitle}`,
    body: `<p>Hi ${firstName}, there is an update on your application for ${jobTitle}.</p>`,
  };
}
