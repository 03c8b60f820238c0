/** Only the last four digits ever leave the service; the rest become `*`, keeping the length. */
export const maskedPhone = (phone: string): string => `${'*'.repeat(Math.max(phone.length - 4, 0))}${phone.slice(-4)}`;
