import { router } from "../../trpc.ts";
import { changePassword } from "./change-password.ts";
import { logIn } from "./log-in.ts";
import { logOut, logOutEverywhere } from "./log-out.ts";
import { me } from "./me.ts";
import { providers } from "./providers.ts";
import { signUp } from "./sign-up.ts";
import { whoami } from "./whoami.ts";

export const authRouter = router({ signUp, logIn, logOut, logOutEverywhere, me, whoami, changePassword, providers });
