import type { Store } from '#ports/store';
import type { Recipient, RecipientDirectory } from './outbox.ts';

/**
 * Finds who a phone number or an address belongs to, from the store's units and contacts (the
 * Notifier port only carries the number). Rebuilt from the store when a number is not known.
 */
export class StoreDirectory implements RecipientDirectory {
  #phones = new Map<string, Recipient>();
  #emails = new Map<string, Recipient>();

  constructor(private readonly store: Store) {}

  async byPhone(phone: string): Promise<Recipient | undefined> {
    if (!this.#phones.has(phone)) await this.#reload();
    return this.#phones.get(phone);
  }

  async byEmail(email: string): Promise<Recipient | undefined> {
    const key = email.toLowerCase();
    if (!this.#emails.has(key)) await this.#reload();
    return this.#emails.get(key);
  }

  async #reload(): Promise<void> {
    const phones = new Map<string, Recipient>();
    const emails = new Map<string, Recipient>();
    let cursor: string | undefined;
    do {
      const page = await this.store.listUnits({ limit: 100, cursor });
      for (const unit of page.items) {
        for (const contact of await this.store.listContacts(unit.id)) {
          const who = { unitId: unit.id, contactId: contact.id, name: contact.name };
          if (contact.phone) phones.set(contact.phone, who);
          if (contact.email) emails.set(contact.email.toLowerCase(), who);
        }
      }
      cursor = page.cursor;
    } while (cursor);
    this.#phones = phones;
    this.#emails = emails;
  }
}
