/** The two languages of the console and of localized API messages: Vietnamese first. */
export type Lang = 'vi' | 'en';
