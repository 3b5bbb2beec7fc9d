/** On WeChat there is no web session to end. */
export async function endWebLogin(): Promise<void> {}
