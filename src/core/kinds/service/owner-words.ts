import { z } from "zod";

/** What an owner types as the time they would rather have (an order's or a package visit's). */
export const TimeWishSchema = z.string().trim().min(1, "a time is required").max(300);

/** What an owner types about work they are not satisfied with (an order's or a package visit's). */
export const ProblemWordsSchema = z.string().trim().min(2, "please say what is wrong").max(1000);
