/**
 * The Notify state: after a file is archived, tells its partner what happened (an email through SES v2, a
 * Standard Webhooks event), records it in the audit trail, and never fails the file for a notification that did
 * not go.
 */
package com.qlower.loaders.notifier;
